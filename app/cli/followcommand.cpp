#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "follow/tcpfollow.h"
#include "follow/udpfollow.h"

namespace synflow::cli {

int runFollow(const Args& args)
{
    static const char* usage = "usage: synflow-cli follow FILE tcp|udp STREAM [--format ascii|hex|raw]";
    std::string path, format = "ascii";
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--format" && i + 1 < args.size())
            format = args[++i];
        else if (args[i].starts_with("--format="))
            format = args[i].substr(9);
        else if (isFileArgument(args[i]))
            rest.push_back(args[i]);
        else
            return fail(usage, 2);
    }
    uint64_t stream = 0;
    if (rest.size() != 3 || (format != "ascii" && format != "hex" && format != "raw"))
        return fail(usage, 2);
    path = rest[0];
    if (rest[1] != "tcp" && rest[1] != "udp")
        return fail(usage, 2);
    const bool udp = rest[1] == "udp";
    if (!parseNumber(rest[2], stream, 0, UINT32_MAX))
        return fail("follow: the stream must be a number, not '" + rest[2] + "'", 2);

    AnalysedCapture capture;
    std::string error;
    if (!capture.open(path, error))
        return fail(error);
    capture.analyse(udp ? AnalysedCapture::Depth::Index : AnalysedCapture::Depth::Tcp);
    uint32_t udpStreams = 0;
    TcpFollow follow;
    if (udp)
        follow = followUdpStream(capture, uint32_t(stream), udpStreams);
    const size_t streams = udp ? udpStreams : capture.tracker()->conversationCount();
    if (stream >= streams) {
        damageStatus(capture.file());
        return fail("follow: there is no " + std::string(udp ? "UDP" : "TCP") + " stream " + rest[2] + " (the capture has "
                        + std::to_string(streams) + ")",
                    2);
    }
    const FollowFormat f = format == "hex" ? FollowFormat::Hex : format == "raw" ? FollowFormat::Raw : FollowFormat::Ascii;
    if (!udp)
        follow = followTcpStream(capture, uint32_t(stream));
    // Written as it is made: a stream of any size is never held as one text.
    std::string out;
    if (udp)
        appendUdpFollowHeader(out, follow, f);
    else
        appendFollowHeader(out, follow, f);
    uint64_t offsets[2] = {0, 0};
    std::string note;
    for (const FollowChunk& chunk : follow.chunks) {
        appendFollowChunk(out, follow, f, followChunkBytes(capture, chunk, note), chunk.fromServer, offsets[chunk.fromServer]);
        if (out.size() >= (size_t(64) << 10)) {
            writeStdout(out);
            out.clear();
        }
    }
    appendFollowFooter(out);
    writeStdout(out);
    capture.file().checkShrunk();
    return damageStatus(capture.file());
}

} // namespace synflow::cli
