// libFuzzer entry point (built with -DSYNFLOW_FUZZ=ON and clang): one binary per target,
// SYNFLOW_FUZZ_TARGET names its body.
#include "fuzzbody.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const synflow::fuzz::Body body = [] {
        const synflow::fuzz::Target* t = synflow::fuzz::findTarget(SYNFLOW_FUZZ_TARGET);
        if (!t)
            abort();
        return t->body;
    }();
    body(data, size);
    return 0;
}
