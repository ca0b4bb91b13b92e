// Makes the precompiled headers the suites reuse (tests/CMakeLists.txt); runs nothing.
int main()
{
    return 0;
}
