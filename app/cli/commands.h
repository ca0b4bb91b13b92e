#pragma once
// Subcommands of synflow-cli; each returns the process exit code.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace synflow {
class AnalysedCapture;
class CaptureFile;
struct DecodedPacket;
struct PacketRecord;
struct ConversationTables;
enum class ConversationType : uint8_t;
}

namespace synflow::cli {

using Args = std::vector<std::string>;

int runInfo(const Args& args);
int runFields(const Args& args);
int runList(const Args& args);
int runDetail(const Args& args);
int runConv(const Args& args);
int runEndpoints(const Args& args);
int runIo(const Args& args);
int runExpert(const Args& args);
int runPhs(const Args& args);
int runCapinfos(const Args& args);
int runInterfaces(const Args& args);
int runCapture(const Args& args);
int runFlow(const Args& args);
int runFollow(const Args& args);

// With SYNFLOW_STATS set: prints packets, anonymous memory (RssAnon) and bytes per packet to
// stderr: the most seen at any sampleMemory() or now, and how much of it came after start-up.
void reportStats(size_t packets, size_t trackerBytes = 0, size_t revivals = 0);
void sampleMemory(); // before memory is given back, so the figure is the peak


// Prints "synflow-cli: MESSAGE" to stderr and returns 1 (or 2 for usage errors).
int fail(const std::string& message, int code = 1);

// The one exit rule for damaged captures, for every command: after the output of the packets
// before the damage, prints "synflow-cli: FILE: damaged at byte N: WHAT (K packets read before
// it)" and returns 2; returns 0 for an undamaged file.
int damageStatus(const CaptureFile& file);

// conv and endpoints: reads --type's value (false for anything but eth, ip, ipv6, tcp, udp).
bool takeType(const Args& args, size_t& i, ConversationType& type);
// Opens and analyses `path` as far as `type`'s statistics and `filter` need; `shown` gets the
// frames the filter keeps (left empty without a filter). `each`, if given, runs for every frame
// in the first pass (AnalysedCapture::analyse's hook).
// Returns -1 when done, else the exit code (the error already printed).
using FrameHook = std::function<void(size_t, PacketRecord&, const DecodedPacket&)>;
int openForStatistics(const std::string& path, ConversationType type, const std::string& filter, AnalysedCapture& capture,
                      std::vector<uint8_t>& shown, const FrameHook& each = {});

// A FILE argument: a path, or "-" for a capture on standard input (as tshark -r -).
inline bool isFileArgument(const std::string& a)
{
    return a == "-" || !a.starts_with("-");
}

// Strict decimal: the whole of `text` is a number in [min, max] (no sign, space or suffix).
bool parseNumber(const std::string& text, uint64_t& value, uint64_t min = 0, uint64_t max = UINT64_MAX);

} // namespace synflow::cli
