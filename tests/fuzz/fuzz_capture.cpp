// libFuzzer entry point (built with -DSYNFLOW_FUZZ=ON and clang).
#include "fuzzbody.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    synflow::fuzz::runOneInput(data, size);
    return 0;
}
