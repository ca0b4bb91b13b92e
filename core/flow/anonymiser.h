#pragma once
// Anonymised hosts for a classroom: every real address is replaced by a documentation address,
// the same one wherever it appears in one capture (first-seen order): IPv4 by 192.0.2.x then
// 198.51.100.x then 203.0.113.x (RFC 5737), IPv6 by 2001:db8::N (RFC 3849), MAC by
// 00:00:5e:00:53:xx (RFC 7042). Addresses that name no host (0.0.0.0, 255.255.255.255, ::,
// ff:ff:ff:ff:ff:ff, 00:00:00:00:00:00) stay as they are.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace synflow {

class AnalysedCapture;
class FlowGraph;

class AddressAnonymiser {
public:
    // Every link and IP address of the capture's frames, in frame order (source, then
    // destination), so that numbering does not depend on which view asks first.
    void seed(const AnalysedCapture& capture);

    // The documentation address for one address written as text (IPv4, IPv6 or MAC, any case);
    // anything else is returned unchanged.
    std::string address(std::string_view text);
    // A flow graph's lifeline name: an address, or "address:port" (IPv6 too, "::1:80").
    std::string endpoint(std::string_view text);
    // `text` with every address in it replaced: summaries, detail lines, labels.
    std::string rewrite(std::string_view text);
    // A flow graph's lifelines (addresses, or endpoints when it is drawn by endpoint) and other
    // protocols' texts, rewritten.
    void rewrite(FlowGraph& graph);
    // A display filter written in the names shown, for matching the capture's real packets:
    // each documentation address of this capture stands for its real one, and a real address
    // typed stands for its documentation name (matching none of the real packets, so a
    // search cannot tell which real host is which). Other addresses stay as written.
    std::string toReal(std::string_view filter) const;

    size_t size() const;

private:
    enum Kind { V4, V6, Mac };
    std::string assign(Kind kind, const std::string& canonical);
    // Empty when the token holds no address. `preferPort`: "::1:8080" is ::1 port 8080 (a
    // lifeline), else the one IPv6 address it also reads as.
    std::string tokenMapped(std::string_view token, bool preferPort);

    mutable std::mutex mutex_; // views may ask from worker threads
    std::unordered_map<std::string, std::string> map_; // canonical real text -> documentation text
    uint32_t next_[3] = {0, 0, 0};
};

// The canonical text of an address, or empty when `text` is none: "10.0.0.1", "2001:db8::1"
// (RFC 5952), "00:11:22:aa:bb:cc".
std::string canonicalIpv4(std::string_view text);
std::string canonicalIpv6(std::string_view text);
std::string canonicalMac(std::string_view text);

} // namespace synflow
