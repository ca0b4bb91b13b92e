#pragma once
// SMB2 and SMB over NBSS (TCP 445, and 139) as tshark 4.0 names their messages in the Info column:
// "Create Request File: a.txt", "Read Request Len:6 Off:0 File: a.txt", "Find Response, Error:
// STATUS_NO_MORE_FILES SMB2_FIND_ID_BOTH_DIRECTORY_INFO Pattern: *". A response is named by what
// its request asked (matched by message id) and a file handle by the name its Create gave it, so
// a first pass learns both in capture order (Smb2Conversations::learn) and the Info is written
// from what it learned, as tshark's second pass does. SMB (version 1) likewise: "NT Create AndX
// Request, FID: 0x5720, Path: \hello.txt" (the FID its response gave), "Trans2 Response,
// FIND_FIRST2, Files: . .. hello.txt". Names of values: smb2values.inc, made from tshark by
// make-smb2values.py.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace synflow {

inline constexpr uint16_t kSmbDirectPort = 445, kNbssPort = 139;

// Whether tshark's NBSS takes a segment between these ports.
inline bool isSmbPort(uint16_t a, uint16_t b)
{
    return a == kSmbDirectPort || b == kSmbDirectPort || a == kNbssPort || b == kNbssPort;
}

// On 445 NBSS's length has 24 bits (the `direct` of the functions below).
inline bool isSmbDirect(uint16_t a, uint16_t b)
{
    return a == kSmbDirectPort || b == kSmbDirectPort;
}

// An NBSS message's whole length (its 4-byte header included), or 0 while the header is not all
// in p[0, n). `direct` (port 445): a 24-bit length; on 139, 17 bits (the flags' low bit extends it).
uint32_t nbssMessageLength(const uint8_t* p, size_t n, bool direct);

// Whether NBSS takes p[0, n) as the start of a message: a known type whose length fits it, no
// flag but the length's extension (else tshark calls the segment "NBSS Continuation Message").
bool nbssStartsMessage(const uint8_t* p, size_t n, bool direct);

// What a segment's NBSS messages name: "SMB2" or "SMB" and its commands, or "NBSS" and the
// session's message ("Session keep-alive"). `protocol` is empty where the segment is not read
// here: a segment whose first four bytes the capture cut off.
struct NbssSummary {
    std::string protocol, info;
    // The layers tshark's hierarchy counts, one per line: "nbss", each chained command's "smb2"
    // or SMB's "smb" (a further NBSS message of the segment below the last), "data", an
    // exception's "_ws.*".
    std::string layers;
};

class Smb2Conversations {
public:
    // One segment's NBSS messages from p on (captured `n` of `reported` bytes), in capture order;
    // `direct`: on port 445, where NBSS's length has 24 bits.
    void learn(uint32_t stream, uint64_t frameKey, const uint8_t* p, size_t n, size_t reported, bool direct);
    // What they name with what the conversation's messages said; `reassembling`: TCP reassembly on.
    // `partial`: the bytes are only the start of a big message TCP reassembled (its data unread).
    NbssSummary summary(uint32_t stream, uint64_t frameKey, const uint8_t* p, size_t n, size_t reported, bool direct,
                        bool reassembling, bool partial = false) const;
    bool empty() const { return states_.empty(); }

    struct Saved { // what a request said that its response's Info repeats
        std::string name; // Create: the file
        bool create = false;
    };
    static constexpr uint16_t kSmb1Unknown = 0xffff; // a subcommand the capture did not show
    struct Smb1Request { // what an SMB (version 1) request said that its response repeats, and back
        uint64_t frameKey = 0;
        uint8_t command = 0;
        uint16_t sub = kSmb1Unknown; // Trans2's subcommand, NT Trans's function
        uint16_t level = 0; // a Trans2 find's information level
        int32_t fid = -1;   // the request's file, or the one an NT Create's response opened
    };
    struct State {
        std::unordered_map<uint64_t, Saved> requests; // message id -> request
        // SMB (version 1): (process id << 16 | multiplex id) -> its requests in capture order
        std::unordered_map<uint32_t, std::vector<Smb1Request>> smb1;
        // file handle -> (frameKey + 1 of the Create response that named it, name), in capture order
        std::map<std::array<uint8_t, 16>, std::vector<std::pair<uint64_t, std::string>>> files;
    };

private:
    std::unordered_map<uint32_t, State> states_;
};

// The same segment read on its own (nothing known of its conversation).
NbssSummary nbssSummary(const uint8_t* p, size_t n, size_t reported, bool direct, bool reassembling = false);

} // namespace synflow
