# DURABLE_FUZZ=ON: a build of the engine libraries instrumented for libFuzzer, ASan and UBSan, and
# the fuzz targets of tests/fuzz; nothing else (no GUI, no ctest suite). scripts/fuzz.sh configures
# it in build-fuzz/ with Debian's clang and runs every target for a bounded time.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "DURABLE_FUZZ needs clang (libFuzzer); scripts/fuzz.sh picks clang++-16")
endif()
# Engine code: coverage and comparison hooks for the fuzzer, sanitizers, no recovery from UB (the
# fuzzer has to see it as a crash). The fuzzer's own main is linked into the targets only.
target_compile_options(durable_build_flags INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                     -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
target_link_options(durable_build_flags INTERFACE -fsanitize=address,undefined)
# libstdc++ 12 offers std::expected only when __cpp_concepts says C++20 concepts are complete.
# clang 16 implements what <expected> needs (conditionally trivial special members) but announces
# the older value until clang 19, so the value is raised here, for this build only.
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
    target_compile_options(durable_build_flags INTERFACE -U__cpp_concepts -D__cpp_concepts=202002L)
endif()

add_subdirectory(engine)
add_subdirectory(tests/fuzz)
