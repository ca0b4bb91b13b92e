// Replays saved fuzz inputs through the fuzz bodies, so every build, sanitizers included,
// re-checks them without libFuzzer:
//   fuzz_replay PATH...                   each file through the target its name or folder names
//                                         (regressions/pcapng-*, corpus/tcp/*)
//   fuzz_replay --through T1,T2 PATH...   each file through each of these targets
#include "fuzzbody.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using synflow::fuzz::Target;

namespace {

std::vector<const Target*> targetsFor(const fs::path& file)
{
    if (const Target* t = synflow::fuzz::findTarget(file.parent_path().filename().string()))
        return {t};
    const std::string name = file.filename().string();
    if (const Target* t = synflow::fuzz::findTarget(name.substr(0, name.find('-'))))
        return {t};
    return {};
}

// Notes and oracles kept beside captures and seeds.
bool isText(const fs::path& file)
{
    const fs::path ext = file.extension();
    return ext == ".md" || ext == ".tsv" || ext == ".txt";
}

} // namespace

int main(int argc, char** argv)
{
    size_t count = 0;
    std::vector<const Target*> through;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--through" && a + 1 < argc) {
            through.clear();
            const std::string list = argv[++a];
            for (size_t pos = 0; pos <= list.size();) {
                const size_t comma = std::min(list.find(',', pos), list.size());
                const Target* t = synflow::fuzz::findTarget(list.substr(pos, comma - pos));
                if (!t) {
                    std::fprintf(stderr, "fuzz_replay: no target %s\n", list.substr(pos, comma - pos).c_str());
                    return 2;
                }
                through.push_back(t);
                pos = comma + 1;
            }
            continue;
        }
        const fs::path root(arg);
        if (!fs::exists(root)) {
            std::fprintf(stderr, "fuzz_replay: %s does not exist\n", arg.c_str());
            return 1;
        }
        std::vector<fs::path> files;
        if (fs::is_directory(root)) {
            for (const auto& e : fs::recursive_directory_iterator(root))
                if (e.is_regular_file() && !isText(e.path()))
                    files.push_back(e.path());
        } else {
            files.push_back(root);
        }
        for (const auto& f : files) {
            const std::vector<const Target*> use = through.empty() ? targetsFor(f) : through;
            if (use.empty()) {
                // A regression nobody replays would be a silent gap.
                std::fprintf(stderr, "fuzz_replay: %s: name it <target>-... or keep it in a folder named after its target\n",
                             f.c_str());
                return 1;
            }
            std::ifstream in(f, std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            for (const Target* t : use) {
                t->body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
                ++count;
            }
        }
    }
    std::printf("fuzz_replay: %zu replays, 0 failed\n", count);
    return count ? 0 : 1;
}
