#pragma once
// Shared by the fuzz targets: a property that must hold for every input; a violation is a crash
// for libFuzzer, which then keeps the input.
#include <cstdio>
#include <cstdlib>

namespace durable::fuzz {

inline void require(bool holds, const char *property)
{
    if (!holds) {
        std::fprintf(stderr, "property violated: %s\n", property);
        std::abort();
    }
}

} // namespace durable::fuzz
