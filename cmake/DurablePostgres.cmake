# The throwaway PostgreSQL server of the test suite (scripts/pg-fixture.sh) as a CTest fixture.
#
# durable_pg_fixture() registers pg.fixture_start (FIXTURES_SETUP pg) and pg.fixture_stop
# (FIXTURES_CLEANUP pg), one server per build directory in ${DURABLE_PG_DIR}.
# durable_requires_pg(<ctest name>...) marks tests that need it: they run after the server started
# and get its URL in DURABLE_TEST_PG. Call it in the directory that added the test.
#
# Without the server binaries (pg_config --bindir has no initdb) no fixture is registered and the
# tests get no URL: they skip, or fail when DURABLE_REQUIRE_PG is set (scripts/test.sh sets it).

# Under /tmp, one directory per build directory: the socket lives in the fixture directory and a
# unix socket path holds at most 107 bytes, and when the tests run as root the server runs as the
# postgres user, which must reach that directory through every parent (a checkout under /root would
# not let it).
string(MD5 _durable_pg_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_durable_pg_hash}" 0 12 _durable_pg_hash)
set(DURABLE_PG_DIR /tmp/durable-pg-${_durable_pg_hash})

set(DURABLE_PG_FIXTURE ${CMAKE_SOURCE_DIR}/scripts/pg-fixture.sh)
execute_process(COMMAND ${DURABLE_PG_FIXTURE} url ${DURABLE_PG_DIR} OUTPUT_VARIABLE DURABLE_PG_URL
                OUTPUT_STRIP_TRAILING_WHITESPACE)

find_program(DURABLE_PG_CONFIG pg_config)
set(DURABLE_PG_AVAILABLE OFF)
if(DURABLE_PG_CONFIG)
    execute_process(COMMAND ${DURABLE_PG_CONFIG} --bindir OUTPUT_VARIABLE _durable_pg_bindir
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(EXISTS "${_durable_pg_bindir}/initdb" AND EXISTS "${_durable_pg_bindir}/pg_ctl")
        set(DURABLE_PG_AVAILABLE ON)
    endif()
endif()
if(NOT DURABLE_PG_AVAILABLE)
    message(STATUS "PostgreSQL server binaries not found (postgresql-15): PostgreSQL tests will skip")
endif()

function(durable_pg_fixture)
    if(NOT DURABLE_PG_AVAILABLE)
        return()
    endif()
    add_test(NAME pg.fixture_start COMMAND ${DURABLE_PG_FIXTURE} start ${DURABLE_PG_DIR})
    add_test(NAME pg.fixture_stop COMMAND ${DURABLE_PG_FIXTURE} stop ${DURABLE_PG_DIR})
    set_tests_properties(pg.fixture_start PROPERTIES FIXTURES_SETUP pg TIMEOUT 120)
    set_tests_properties(pg.fixture_stop PROPERTIES FIXTURES_CLEANUP pg TIMEOUT 120)
endfunction()

function(durable_requires_pg)
    if(NOT DURABLE_PG_AVAILABLE)
        return()
    endif()
    foreach(test IN LISTS ARGN)
        set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED pg)
        set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "DURABLE_TEST_PG=${DURABLE_PG_URL}")
    endforeach()
endfunction()
