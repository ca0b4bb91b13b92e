// Replays saved fuzz inputs (crash regressions and seeds) through the fuzz body, so every
// build, sanitizers included, re-checks them without libFuzzer.
#include "fuzzbody.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char** argv)
{
    size_t count = 0;
    for (int a = 1; a < argc; ++a) {
        const std::filesystem::path root(argv[a]);
        if (!std::filesystem::exists(root)) {
            std::fprintf(stderr, "fuzz_replay: %s does not exist\n", argv[a]);
            return 1;
        }
        std::vector<std::filesystem::path> files;
        if (std::filesystem::is_directory(root)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(root))
                if (e.is_regular_file())
                    files.push_back(e.path());
        } else {
            files.push_back(root);
        }
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            synflow::fuzz::runOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            ++count;
        }
    }
    std::printf("fuzz_replay: %zu inputs replayed, 0 failed\n", count);
    return count ? 0 : 1;
}
