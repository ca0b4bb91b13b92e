#include "analysis/packetfind.h"

#include "analysis/analysedcapture.h"
#include "flow/anonymiser.h"
#include "tree/detailtree.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <future>
#include <thread>

namespace synflow {

namespace {

// ASCII case folding, as Wireshark's case-blind find (UTF-8 letters beyond ASCII match as they are).
char fold(char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; }

} // namespace

bool PacketFinder::compile(Kind kind, std::string_view text, Where where, bool caseSensitive, std::string& error)
{
    kind_ = kind;
    where_ = where;
    caseSensitive_ = caseSensitive || kind == Kind::HexValue;
    needle_.clear();
    switch (kind) {
    case Kind::DisplayFilter:
        if (text.find_first_not_of(" \t") == std::string_view::npos) {
            error = "empty display filter";
            return false;
        }
        if (shown_)
            return filter_.compile(shown_->toReal(text), error);
        return filter_.compile(text, error);
    case Kind::HexValue: { // "47 45 54", "47:45:54" or "474554"
        std::string digits;
        for (const char c : text) {
            if (std::isxdigit(static_cast<unsigned char>(c)))
                digits += c;
            else if (c != ' ' && c != ':' && c != '-' && c != '.') {
                error = std::string("\"") + c + "\" is not a hex digit";
                return false;
            }
        }
        if (digits.empty() || digits.size() % 2) {
            error = "a hex value needs an even number of hex digits";
            return false;
        }
        for (size_t i = 0; i < digits.size(); i += 2)
            needle_ += char(std::stoi(digits.substr(i, 2), nullptr, 16));
        where_ = Where::Bytes;
        return true;
    }
    case Kind::String:
        if (text.empty()) {
            error = "empty string";
            return false;
        }
        needle_ = std::string(text);
        if (!caseSensitive_)
            std::transform(needle_.begin(), needle_.end(), needle_.begin(), fold);
        return true;
    }
    return false;
}

size_t PacketFinder::find(std::string_view hay) const
{
    const size_t m = needle_.size();
    if (m == 0 || hay.size() < m)
        return std::string_view::npos;
    const char* h = hay.data();
    auto matchesAt = [&](size_t at) {
        if (caseSensitive_)
            return std::memcmp(h + at, needle_.data(), m) == 0;
        for (size_t i = 0; i < m; ++i)
            if (fold(h[at + i]) != needle_[i])
                return false;
        return true;
    };
    size_t at = 0;
#if defined(__SSE2__)
    // Sixteen places at a time, a place being a candidate when its first and last bytes are the
    // needle's (letters compared with bit 5 set, which folds ASCII case exactly): most bytes of a
    // capture are rejected without a loop per byte. On the benchmark capture (findbench) a
    // case-blind string search took 2.7x less CPU than Horspool did; a case-sensitive one as
    // little as string_view::find, the file's bytes then being the limit.
    auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
    const char first = needle_[0], last = needle_[m - 1];
    const __m128i firstOr = _mm_set1_epi8(char(!caseSensitive_ && letter(first) ? 0x20 : 0));
    const __m128i lastOr = _mm_set1_epi8(char(!caseSensitive_ && letter(last) ? 0x20 : 0));
    const __m128i firstV = _mm_set1_epi8(first), lastV = _mm_set1_epi8(last);
    for (; at + m - 1 + 16 <= hay.size(); at += 16) {
        const __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + at)), firstOr);
        const __m128i b = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + at + m - 1)), lastOr);
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, firstV), _mm_cmpeq_epi8(b, lastV))));
        while (mask) {
            const size_t k = at + size_t(__builtin_ctz(mask));
            if (matchesAt(k))
                return k;
            mask &= mask - 1;
        }
    }
#endif
    for (; at + m <= hay.size(); ++at)
        if ((caseSensitive_ ? h[at] == needle_[0] : fold(h[at]) == needle_[0]) && matchesAt(at))
            return at;
    return std::string_view::npos;
}

FindHit PacketFinder::match(const AnalysedCapture& capture, size_t frame) const
{
    FindHit hit;
    if (kind_ == Kind::DisplayFilter) {
        hit.found = frameMatches(filter_, capture.file(), capture.tracker(), capture.protocols(), frame);
        return hit;
    }
    if (where_ == Where::Bytes) {
        const auto bytes = capture.file().packetBytes(frame);
        const std::string_view hay(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        const size_t at = find(hay);
        if (at != std::string_view::npos) {
            hit.found = true;
            hit.offset = uint32_t(at);
            hit.length = uint32_t(needle_.size());
        }
        return hit;
    }
    const DetailTree tree = buildDetailTree(capture, frame);
    for (size_t i = 0; i < tree.nodes().size(); ++i)
        if (find(shown_ ? shown_->rewrite(tree.nodes()[i].label) : tree.nodes()[i].label) != std::string_view::npos) {
            hit.found = true;
            hit.node = int32_t(i);
            return hit;
        }
    return hit;
}

int64_t findFrame(size_t frames, size_t from, bool backwards, const std::vector<uint8_t>* shown,
                  const std::function<bool(size_t)>& hit, bool* wrapped)
{
    *wrapped = false;
    if (frames == 0)
        return -1;
    from = std::min(from, frames - 1);
    size_t f = from;
    for (size_t step = 0; step < frames; ++step) {
        if (backwards) {
            if (f == 0) {
                f = frames - 1;
                *wrapped = true;
            } else {
                --f;
            }
        } else if (++f == frames) {
            f = 0;
            *wrapped = true;
        }
        if ((!shown || (f < shown->size() && (*shown)[f])) && hit(f))
            return int64_t(f);
    }
    return -1;
}

int64_t findFrameInParallel(size_t frames, size_t from, bool backwards, const std::vector<uint8_t>* shown,
                            const std::function<bool(size_t)>& hit, bool* wrapped, const std::function<bool(size_t)>& keepGoing)
{
    const size_t threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    // Frames per thread and round, from small (a near match is found at once) to large (a far
    // one without a round's overhead every few frames).
    constexpr size_t kFirstBlock = 1 << 10, kBlock = 1 << 15;
    *wrapped = false;
    if (frames == 0)
        return -1;
    if (frames < kBlock)
        return findFrame(frames, from, backwards, shown, hit, wrapped);
    from = std::min(from, frames - 1);
    // Step k (1..frames) of the search is frame at(k); the last step is `from` itself.
    auto at = [&](size_t k) { return backwards ? (from + frames - k % frames) % frames : (from + k) % frames; };
    auto firstIn = [&](size_t begin, size_t end) -> int64_t { // steps [begin, end)
        for (size_t k = begin; k < end; ++k) {
            const size_t f = at(k);
            if ((!shown || (f < shown->size() && (*shown)[f])) && hit(f))
                return int64_t(k);
        }
        return -1;
    };
    for (size_t round = 1, block = kFirstBlock; round <= frames; round += threads * block, block = std::min(block * 2, kBlock)) {
        if (keepGoing && !keepGoing(round - 1))
            return -2;
        std::vector<std::future<int64_t>> parts;
        for (size_t t = 0; t < threads; ++t) {
            const size_t begin = round + t * block, end = std::min(frames + 1, begin + block);
            if (begin < end)
                parts.push_back(std::async(std::launch::async, firstIn, begin, end));
        }
        int64_t step = -1;
        for (auto& p : parts) { // in order: the first part with a match holds the nearest one
            const int64_t k = p.get();
            if (step < 0 && k >= 0)
                step = k;
        }
        if (step >= 0) {
            const size_t f = at(size_t(step));
            *wrapped = backwards ? f >= from : f <= from;
            return int64_t(f);
        }
    }
    *wrapped = true; // it went all the way round
    return -1;
}

} // namespace synflow
