// An ordinary shared library, not a Qt plugin.
extern "C" int durableTestNotAPlugin()
{
    return 42;
}
