#include "proto/smb2info.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace synflow {
namespace {

struct Smb2Name {
    uint32_t value;
    const char* name;
};
#include "proto/smb2values.inc"

constexpr uint32_t kStatusMoreProcessing = 0xc0000016, kStatusBufferOverflow = 0x80000005;
constexpr uint32_t kFsctlDfsGetReferrals = 0x00060194, kFsctlDfsGetReferralsEx = 0x000601b0;
constexpr size_t kHeader = 64;

template <size_t N>
const char* nameOf(const Smb2Name (&table)[N], uint32_t v)
{
    const auto it = std::lower_bound(std::begin(table), std::end(table), v, [](const Smb2Name& e, uint32_t x) { return e.value < x; });
    return it != std::end(table) && it->value == v ? it->name : nullptr;
}

std::string unknown(uint32_t v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "Unknown (0x%08X)", v);
    return buf;
}

// tshark's words for a level or class it has no name for: "(Level:0x63)".
std::string unnamed(const char* what, uint32_t v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "(%s:0x%02x)", what, v);
    return buf;
}


// UTF-16LE to UTF-8, as far as `len` bytes go (a NUL ends it, as tshark's strings end).
std::string utf16(const uint8_t* p, size_t len)
{
    std::string out;
    for (size_t i = 0; i + 1 < len; i += 2) {
        uint32_t c = loadLe16(p + i);
        if (c == 0)
            break;
        if (c >= 0xd800 && c < 0xdc00 && i + 3 < len) {
            const uint32_t lo = loadLe16(p + i + 2);
            if (lo >= 0xdc00 && lo < 0xe000) {
                c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            }
        }
        appendUtf8(out, c);
    }
    return out;
}

// A string at [off, off + len) of the message (offsets from the SMB2 header), as far as captured.
std::string messageString(const uint8_t* h, size_t cap, size_t off, size_t len)
{
    if (off >= cap)
        return {};
    return utf16(h + off, std::min(len, cap - off));
}

// The NTLMSSP message in a security blob: ", NTLMSSP_NEGOTIATE" and so on.
std::string ntlmssp(const uint8_t* blob, size_t n)
{
    static const uint8_t kSignature[8] = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    const uint8_t* at = std::search(blob, blob + n, std::begin(kSignature), std::end(kSignature));
    if (at == blob + n || size_t(blob + n - at) < 12)
        return {};
    const size_t left = size_t(blob + n - at);
    switch (loadLe32(at + 8)) {
    case 1: return ", NTLMSSP_NEGOTIATE";
    case 2: return ", NTLMSSP_CHALLENGE";
    case 3: {
        std::string s = ", NTLMSSP_AUTH";
        if (left < 64)
            return s;
        const bool unicode = left >= 64 && (loadLe32(at + 60) & 1);
        const auto field = [&](size_t pos) {
            const size_t len = loadLe16(at + pos), off = loadLe32(at + pos + 4);
            if (off >= left)
                return std::string();
            const size_t take = std::min(len, left - off);
            return unicode ? utf16(at + off, take) : std::string(reinterpret_cast<const char*>(at + off), take);
        };
        return s + ", User: " + field(28) + "\\" + field(36);
    }
    default: return {};
    }
}

std::string levelName(uint8_t cls, uint8_t level)
{
    const char* n = nullptr;
    switch (cls) {
    case 1: n = nameOf(kSmb2FileLevels, level); break;
    case 2: n = nameOf(kSmb2FsLevels, level); break;
    case 3: n = nameOf(kSmb2SecLevels, level); break;
    default: break;
    }
    return n ? n : unnamed("Level", level);
}

// " FSCTL_NAME", or for a code tshark does not name its device and function; nothing for 0.
std::string ioctlName(uint32_t code)
{
    if (code == 0)
        return {};
    if (const char* n = nameOf(kSmb2Ioctls, code))
        return std::string(" ") + n;
    const char* device = nameOf(kSmb2IoctlDevices, code >> 16);
    char function[24];
    std::snprintf(function, sizeof function, " Function:0x%04x", code >> 2 & 0xfff);
    return " " + (device ? std::string(device) : unknown(code >> 16)) + function;
}

using FileId = std::array<uint8_t, 16>;

struct Reading {
    const Smb2Conversations::State* known = nullptr;
    Smb2Conversations::State* learn = nullptr;
    uint64_t frameKey = 0;
    bool reassembling = false;
    bool partial = false; // the view kept only a big message's start: its data is not read
    // What a read past the captured bytes appends: within the segment, the capture's cut; past
    // it, the message going on beyond the segment (malformed once TCP reassembled it, unless the
    // capture was cut and TCP could not).
    const char* snapText = kSizeLimited;
    const char* pastText = kUnreassembled;
    std::string* layers = nullptr; // where the hierarchy's layers go (see NbssSummary)
};

void addLayer(const Reading& r, const char* layer)
{
    if (r.layers) {
        *r.layers += layer;
        *r.layers += '\n';
    }
}

std::string fileSuffix(const Reading& r, const uint8_t* fid)
{
    if (!r.known)
        return {};
    FileId key;
    std::memcpy(key.data(), fid, 16);
    const auto it = r.known->files.find(key);
    if (it == r.known->files.end())
        return {};
    const std::string* name = nullptr;
    for (const auto& [when, n] : it->second)
        if (when <= r.frameKey + 1)
            name = &n;
    return name ? " File: " + *name : std::string();
}

// One SMB2 message, `cap` bytes of it captured and `inSegment` of it in the segment. tshark
// appends each part of the Info as it reads the fields behind it, so a read past the captured
// bytes leaves the parts before it and then the exception's text (`cut` set).
std::string message(const uint8_t* h, size_t cap, size_t inSegment, const Reading& r, bool& cut)
{
    const auto textFor = [&](size_t end) { return end <= inSegment ? r.snapText : r.pastText; };
    addLayer(r, "smb2");
    cut = cap < kHeader;
    if (cut) { // SMB2 cleared the column, then the header field across the cut failed
        static constexpr uint8_t kFieldEnds[] = {4, 6, 8, 12, 14, 16, 20, 24, 32, 36, 40, 48, 64};
        return textFor(*std::upper_bound(std::begin(kFieldEnds), std::end(kFieldEnds), cap));
    }
    const uint16_t cmd = loadLe16(h + 12);
    const uint32_t status = loadLe32(h + 8);
    const bool response = loadLe32(h + 16) & 1;
    const uint64_t id = loadLe64(h + 24);
    const char* name = nameOf(kSmb2Commands, cmd);
    std::string s = std::string(name ? name : "unknown") + (response ? " Response" : " Request");
    const uint8_t* b = h + kHeader;
    const size_t bcap = cap - kHeader;
    // Whether the body's first k bytes were captured; the first read past them ends the Info.
    // Fixed fields are at most 8 bytes (a handle's halves too), so the one that fails ends
    // soon after the cut; a buffer (`whole`) is read in one go.
    const auto need = [&](size_t k, bool whole = false) {
        if (!cut && bcap < k) {
            cut = true;
            s += textFor(kHeader + (whole ? k : std::min(k, bcap + 8)));
        }
        return !cut;
    };
    // The same for a buffer `len` bytes long at `off` from the header.
    const auto needAt = [&](size_t off, size_t len) { return need(off + len > kHeader ? off + len - kHeader : 0, true); };
    if (cmd == 18 && need(2) && (loadLe16(b) == 24 || loadLe16(b) == 36 || loadLe16(b) == 44)) { // an oplock's or a lease's break
        s = loadLe16(b) == 24 ? "Oplock Break " : "Lease Break ";
        s += !response ? "Acknowledgment" : id == ~uint64_t(0) ? "Notification" : "Response";
    }
    if (response && status) {
        const char* st = nameOf(kSmb2Statuses, status);
        s += ", Error: " + (st ? std::string(st) : unknown(status));
    }
    // A response with an error carries an error body where its command looks at the status, but
    // for the codes it reads on. Logoff, Tree Disconnect, Flush, Lock, Cancel, Echo, SetInfo and
    // Break read their own body whatever the status.
    const bool checksStatus = cmd <= 16 && cmd != 2 && cmd != 4 && cmd != 7 && cmd != 10 && cmd != 12 && cmd != 13;
    const bool readsOn = status == 0 || !checksStatus || (cmd == 1 && status == kStatusMoreProcessing)
        || (status == kStatusBufferOverflow && (cmd == 8 || cmd == 11 || cmd == 15 || cmd == 16));
    if (response && !readsOn) {
        if (need(8))
            need(8 + size_t(loadLe32(b + 4)));
        return s;
    }
    const auto saved = [&]() -> const Smb2Conversations::Saved* {
        if (!r.known)
            return nullptr;
        const auto it = r.known->requests.find(id);
        return it == r.known->requests.end() ? nullptr : &it->second;
    };
    const auto stringAt = [&](size_t off, size_t len) { return needAt(off, len) ? messageString(h, cap, off, len) : std::string(); };
    const auto file = [&](size_t at) {
        if (need(at + 16))
            s += fileSuffix(r, b + at);
    };
    switch (cmd) {
    case 0: { // Negotiate: the dialects or the security blob, then SMB 3.1.1's contexts
        size_t contexts = 0, count = 0;
        if (!response && need(36) && need(36 + 2 * size_t(loadLe16(b + 2)))) {
            contexts = loadLe32(b + 28);
            count = loadLe16(b + 32);
        } else if (response && need(64) && needAt(loadLe16(b + 56), loadLe16(b + 58))) {
            contexts = loadLe32(b + 60);
            count = loadLe16(b + 6);
        }
        for (size_t i = 0; i < count && !cut && contexts; ++i) { // each 8-aligned: type, length, data
            if (needAt(contexts, 8) && needAt(contexts + 8, loadLe16(h + contexts + 2)))
                contexts = (contexts + 8 + loadLe16(h + contexts + 2) + 7) & ~size_t(7);
        }
        break;
    }
    case 1: // Session Setup: its security blob
        if (need(response ? 8 : 24)) {
            const size_t off = loadLe16(b + (response ? 4 : 12)), len = loadLe16(b + (response ? 6 : 14));
            if (len && needAt(off, len))
                s += ntlmssp(h + off, len);
        }
        break;
    case 3: // Tree Connect
        if (!response && need(8)) {
            const std::string path = stringAt(loadLe16(b + 4), loadLe16(b + 6));
            if (!cut)
                s += " Tree: " + path;
        } else if (response) {
            need(16);
        }
        break;
    case 5: // Create: the name, and the handle the response gives it
        if (!response && need(56)) {
            const std::string name = stringAt(loadLe16(b + 44), loadLe16(b + 46));
            if (!cut) {
                s += " File: " + name;
                if (r.learn)
                    r.learn->requests[id] = {name, true};
            }
        } else if (response && need(80)) {
            const Smb2Conversations::Saved* q = saved();
            if (q && q->create)
                s += " File: " + q->name;
            if (r.learn && q && q->create) {
                FileId key;
                std::memcpy(key.data(), b + 64, 16);
                r.learn->files[key].emplace_back(r.frameKey + 1, q->name);
            }
            need(88);
        }
        break;
    case 6: case 7: case 10: case 15: // Close, Flush, Lock, Notify: the handle after 8 bytes
        if (!response) {
            file(8);
            need(cmd == 10 ? 48 : cmd == 15 ? 32 : 24);
        } else {
            need(cmd == 6 ? 60 : cmd == 15 ? 8 : 4);
        }
        break;
    case 8: case 9: // Read, Write: length, offset, handle
        if (!response) {
            if (need(16))
                s += " Len:" + std::to_string(loadLe32(b + 4)) + " Off:" + std::to_string(loadLe64(b + 8));
            file(16);
            if (need(48) && cmd == 9 && loadLe32(b + 4) != 0 && loadLe16(b + 2) < cap)
                addLayer(r, "data"); // what the capture holds of it, read or not
        } else if (need(16) && cmd == 8) {
            // tshark reads the data (the view may hold only a big message's start)
            if ((r.partial || needAt(b[2], loadLe32(b + 4))) && loadLe32(b + 4) != 0)
                addLayer(r, "data");
        }
        break;
    case 11: // Ioctl: the function, the handle; a DFS referral's path
        if (need(8))
            s += ioctlName(loadLe32(b + 4));
        file(8);
        if (!response && need(56)) { // the input buffer (a DFS referral names its path), then the output
            const uint32_t code = loadLe32(b + 4);
            const size_t in = loadLe32(b + 24), count = loadLe32(b + 28);
            if (count && needAt(in, count) && (code == kFsctlDfsGetReferrals || code == kFsctlDfsGetReferralsEx) && count > 2)
                s += ", File: " + messageString(h, cap, in + 2, count - 2);
            if (loadLe32(b + 40) && !cut)
                needAt(loadLe32(b + 36), loadLe32(b + 40));
        } else if (response && need(48)) {
            if (loadLe32(b + 28))
                needAt(loadLe32(b + 24), loadLe32(b + 28));
            if (loadLe32(b + 36) && !cut)
                needAt(loadLe32(b + 32), loadLe32(b + 36));
        }
        break;
    case 14: // Find: the directory, then the level and pattern
        if (!response) {
            file(8);
            if (need(32)) {
                const char* lv = nameOf(kSmb2FindLevels, b[2]);
                const std::string pattern = stringAt(loadLe16(b + 24), loadLe16(b + 26));
                if (!cut) // the response repeats these on tshark's first pass only
                    s += " " + (lv ? std::string(lv) : unnamed("Level", b[2])) + " Pattern: " + pattern;
            }
        } else if (need(8)) {
            needAt(loadLe16(b + 2), loadLe32(b + 4));
        }
        break;
    case 16: case 17: // GetInfo, SetInfo: class and level, then the handle
        if (!response) {
            if (need(4)) {
                const char* cls = nameOf(kSmb2Classes, b[2]);
                s += " " + (cls ? std::string(cls) : unnamed("Class", b[2])) + "/" + levelName(b[2], b[3]);
            }
            file(cmd == 16 ? 24 : 16);
            need(cmd == 16 ? 40 : 32);
            if (cmd == 17 && !cut && needAt(loadLe16(b + 8), loadLe32(b + 4)) && b[2] == 1 && b[3] == 10) { // a rename: the new name
                const size_t off = loadLe16(b + 8);
                if (needAt(off, 20)) {
                    const std::string to = stringAt(off + 20, loadLe32(h + off + 16));
                    if (!cut)
                        s += " NewName:" + to;
                }
            }
        } else if (cmd == 16 && need(8)) {
            needAt(loadLe16(b + 2), loadLe32(b + 4));
        } else if (cmd == 17) {
            need(2);
        }
        break;
    case 18: // a break: an oplock's names its handle, both ways
        if (!cut && loadLe16(b) == 24) {
            file(8);
            need(24);
        } else if (!cut && (loadLe16(b) == 36 || loadLe16(b) == 44)) {
            need(loadLe16(b));
        }
        break;
    case 2: case 4: case 12: case 13: // Logoff, Tree Disconnect, Cancel, Echo
        need(4);
        break;
    default: break;
    }
    return s;
}

// NetBIOS's first-level encoding of a name ("EJFD..." -> "ISATAP<00>"), tshark's way.
// SMB (version 1): the request of `key` a message answers (the last before it), or a request
// is (the last at or before it); null when not learned.
Smb2Conversations::Smb1Request* smb1Request(Smb2Conversations::State* st, uint32_t key, uint64_t frameKey, bool response)
{
    if (!st)
        return nullptr;
    const auto it = st->smb1.find(key);
    if (it == st->smb1.end())
        return nullptr;
    for (auto e = it->second.rbegin(); e != it->second.rend(); ++e)
        if (response ? e->frameKey < frameKey : e->frameKey <= frameKey)
            return &*e;
    return nullptr;
}

// How many UTF-16 units come before a NUL in p[0, n).
size_t utf16Units(const uint8_t* p, size_t n)
{
    size_t k = 0;
    while (2 * k + 1 < n && (p[2 * k] | p[2 * k + 1]) != 0)
        ++k;
    return k;
}

std::string hexFid(uint32_t fid)
{
    std::string s;
    appendHex4(s, fid);
    return s;
}

// One SMB (version 1) message, `cap` bytes of it captured and `inSegment` of it in the segment:
// the command, "Request" or "Response", what its fields say, then ", Error: STATUS_...". AndX
// chains are named by their first command.
std::string smb1Message(const uint8_t* h, size_t cap, size_t inSegment, const Reading& r, bool& cut)
{
    cut = false;
    const auto need = [&](size_t end, std::string& s) {
        if (end <= cap)
            return true;
        if (!cut)
            s += end <= inSegment ? r.snapText : r.pastText;
        cut = true;
        return false;
    };
    std::string s;
    // A read of [start, end): one that starts past the captured bytes fails there.
    const auto needRange = [&](size_t start, size_t end) {
        if (end <= cap)
            return true;
        if (!cut)
            s += (start > cap ? start : end) <= inSegment ? r.snapText : r.pastText;
        cut = true;
        return false;
    };
    if (cap >= 32)
        addLayer(r, "smb"); // SMB's item once its header was read
    if (!need(33, s))
        return s;
    const uint8_t cmd = h[4];
    const uint32_t status = loadLe32(h + 5);
    const bool response = h[9] & 0x80, unicode = loadLe16(h + 10) & 0x8000;
    const uint32_t key = uint32_t(loadLe16(h + 26)) << 16 | loadLe16(h + 30);
    const char* name = nameOf(kSmbCommands, cmd);
    char unnamedCommand[16];
    std::snprintf(unnamedCommand, sizeof unnamedCommand, "Unknown (0x%02x)", cmd);
    s = std::string(name ? name : unnamedCommand) + (response ? " Response" : " Request");
    const size_t wc = h[32], words = 33, bytes = 35 + 2 * wc;
    const uint8_t* w = h + words;
    // A string at `off` from the header: UTF-16 (aligned to two bytes) or ASCII, to its NUL; one
    // whose NUL the capture lost fails as tshark's read of it does (`cut` set, the text appended).
    const auto text = [&](size_t off) {
        if (unicode && (off & 1))
            ++off;
        size_t end = off;
        while (end + (unicode ? 1 : 0) < cap && (unicode ? (h[end] | h[end + 1]) != 0 : h[end] != 0))
            end += unicode ? 2 : 1;
        if (!need(end + (unicode ? 2 : 1), s))
            return std::string();
        return unicode ? utf16(h + off, end - off) : std::string(reinterpret_cast<const char*>(h + off), end - off);
    };
    // Appends a field's text unless reading it failed.
    const auto add = [&](const std::string& label, const std::string& value) {
        if (!cut)
            s += label + value;
    };
    Smb2Conversations::Smb1Request* learned = nullptr;
    if (r.learn && !response) {
        auto& list = r.learn->smb1[key];
        list.push_back({r.frameKey, cmd});
        learned = &list.back();
    }
    const Smb2Conversations::Smb1Request* request
        = r.learn ? (response ? smb1Request(r.learn, key, r.frameKey, true) : learned)
                  : smb1Request(const_cast<Smb2Conversations::State*>(r.known), key, r.frameKey, response);
    std::string tail;
    // Each field is read in turn: the first one the capture lost ends the Info (`need`).
    const auto field = [&](size_t end) { return need(words + end, s); };
    switch (cmd) {
    case 0x73: // Session Setup AndX: the security blob's NTLMSSP message
        if (!response && wc == 12 && field(16) && need(bytes + loadLe16(w + 14), s))
            s += ntlmssp(h + bytes, loadLe16(w + 14));
        else if (response && wc == 4 && field(8) && need(bytes + loadLe16(w + 6), s))
            s += ntlmssp(h + bytes, loadLe16(w + 6));
        else if (!response && wc == 13 && field(26)) { // no extended security: after the passwords, account and domain
            size_t at = bytes + loadLe16(w + 14) + loadLe16(w + 16);
            const std::string account = text(at);
            if (!cut) { // the account's NUL was captured: the domain follows it
                if (unicode && (at & 1))
                    ++at;
                at += unicode ? 2 * (utf16Units(h + at, cap - at) + 1) : account.size() + 1;
                const std::string domain = text(at);
                add(", User: ", domain + "\\" + account);
            }
        }
        break;
    case 0x75: // Tree Connect AndX: the path after the password
        if (!response && wc == 4 && field(8))
            add(", Path: ", text(bytes + loadLe16(w + 6)));
        break;
    case 0xa2: // NT Create AndX: the FID its response gave, the name
        if (!response && wc == 24) {
            if (request && request->fid >= 0)
                s += ", FID: " + hexFid(uint32_t(request->fid));
            if (field(48))
                add(", Path: ", text(bytes));
        } else if (response && wc == 0) {
            s += ", FID: 0x0000"; // an error: tshark writes the FID it did not read
        } else if (response && wc >= 34 && field(7)) {
            const uint16_t fid = loadLe16(w + 5);
            s += ", FID: " + hexFid(fid);
            if (r.learn)
                if (auto* q = smb1Request(r.learn, key, r.frameKey, true); q && q->command == cmd)
                    q->fid = fid;
        }
        break;
    case 0x04: // Close
        if (!response && wc >= 1 && field(2)) {
            s += ", FID: " + hexFid(loadLe16(w));
            if (learned && field(6)) // kept for the response once the last write time was read too
                learned->fid = loadLe16(w);
        } else if (response && request && request->fid >= 0) {
            s += ", FID: " + hexFid(uint32_t(request->fid));
        }
        break;
    case 0x2e: // Read AndX: the FID, how much from where
        if (!response && (wc == 10 || wc == 12) && field(6)) {
            if (learned)
                learned->fid = loadLe16(w + 4);
            s += ", FID: " + hexFid(loadLe16(w + 4));
            if (field(wc == 12 ? 24 : 12)) {
                uint64_t offset = loadLe32(w + 6);
                if (wc == 12)
                    offset |= uint64_t(loadLe32(w + 20)) << 32;
                s += ", " + std::to_string(loadLe16(w + 10)) + " bytes at offset " + std::to_string(offset);
            }
        } else if (response && wc == 12) {
            if (request && request->fid >= 0)
                s += ", FID: " + hexFid(uint32_t(request->fid));
            if (field(18)) { // written after the length's high half and the reserved word after it
                const uint32_t length = loadLe16(w + 10) | uint32_t(loadLe16(w + 14)) << 16;
                s += ", " + std::to_string(length) + " bytes";
                if (!r.partial) // the data is read (the view kept only the start of a big one)
                    needRange(loadLe16(w + 12), loadLe16(w + 12) + size_t(length));
            }
        }
        break;
    case 0x2f: // Write AndX
        if (!response && (wc == 12 || wc == 14) && field(6)) {
            if (learned)
                learned->fid = loadLe16(w + 4);
            s += ", FID: " + hexFid(loadLe16(w + 4));
            if (field(wc == 14 ? 28 : 24)) {
                uint64_t offset = loadLe32(w + 6);
                if (wc == 14)
                    offset |= uint64_t(loadLe32(w + 24)) << 32;
                const uint32_t length = loadLe16(w + 20) | uint32_t(loadLe16(w + 18)) << 16;
                s += ", " + std::to_string(length) + " bytes at offset " + std::to_string(offset);
                if (!r.partial) // the data is read (the view kept only the start of a big one)
                    needRange(loadLe16(w + 22), loadLe16(w + 22) + size_t(length));
            }
        } else if (response && wc == 6) {
            if (request && request->fid >= 0)
                s += ", FID: " + hexFid(uint32_t(request->fid));
            if (field(10))
                s += ", " + std::to_string(loadLe16(w + 4) | uint32_t(loadLe16(w + 8)) << 16) + " bytes";
        }
        break;
    case 0x32: { // Trans2: the subcommand, then what its parameters say
        const auto subName = [](uint16_t sub) {
            const char* n = nameOf(kSmbTrans2Commands, sub);
            return n ? std::string(n) : unknown(sub);
        };
        const auto level = [](const Smb2Name* table, size_t n, uint16_t v) {
            for (size_t i = 0; i < n; ++i)
                if (table[i].value == v)
                    return std::string(table[i].name);
            return unknown(v);
        };
        if (!response && wc >= 15 && field(30) && h[words + 26] >= 1) {
            const uint16_t sub = loadLe16(w + 28);
            const size_t param = loadLe16(w + 20);
            if (learned)
                learned->sub = sub;
            s += ", " + subName(sub);
            if (sub == 1 && need(param + 8, s)) { // FIND_FIRST2
                if (learned)
                    learned->level = loadLe16(h + param + 6);
                add(", Pattern: ", text(param + 12));
            } else if (sub == 2 && need(param + 6, s)) { // FIND_NEXT2: the name to go on from
                if (learned)
                    learned->level = loadLe16(h + param + 4);
                add(", Continue: ", text(param + 12));
            } else if (sub == 6 && need(param + 2, s)) { // SET_PATH_INFO
                add(", Path: ", text(param + 6));
            } else if (sub == 3 && need(param + 2, s)) { // QUERY_FS_INFO
                s += ", " + level(kSmbQueryFsLevels, std::size(kSmbQueryFsLevels), loadLe16(h + param));
            } else if (sub == 5 && need(param + 2, s)) { // QUERY_PATH_INFO: the level and path written once both are read
                const std::string path = text(param + 6);
                add(", " + level(kSmbQueryPathLevels, std::size(kSmbQueryPathLevels), loadLe16(h + param)) + ", Path: ", path);
            } else if (sub == 7 && need(param + 4, s)) { // QUERY_FILE_INFO
                if (learned)
                    learned->fid = loadLe16(h + param);
                s += ", FID: " + hexFid(loadLe16(h + param)) + ", "
                    + level(kSmbQueryPathLevels, std::size(kSmbQueryPathLevels), loadLe16(h + param + 2));
            } else if (sub == 16 && need(param + 2, s)) { // GET_DFS_REFERRAL
                add(", File: ", text(param + 2));
            }
        } else if (response) {
            const bool known = request && request->command == cmd && request->sub != Smb2Conversations::kSmb1Unknown;
            if (!known) {
                s += "<unknown>"; // its request unseen or unread
            } else {
                if (request->sub == 7 && request->fid >= 0)
                    s += ", FID: " + hexFid(uint32_t(request->fid));
                s += ", " + subName(request->sub);
            }
            // The parameters, then the data, are read as the words place them.
            if (wc >= 10 && !r.partial && field(20) && needRange(loadLe16(w + 8), loadLe16(w + 8) + size_t(loadLe16(w + 6))))
                needRange(loadLe16(w + 14), loadLe16(w + 14) + size_t(loadLe16(w + 12)));
            if (!known)
                break;
            if ((request->sub == 1 || request->sub == 2) && status == 0 && wc >= 10 && field(16)) {
                // FIND_FIRST2's and FIND_NEXT2's entries: each file's name, where its information
                // level puts it; written once all are read. The view keeps only the start of a
                // big response: its names are not all there, so none is written.
                size_t lengthAt = 60, nameAt = 0;
                switch (request->level) {
                case 0x101: nameAt = 64; break;
                case 0x102: nameAt = 68; break;
                case 0x103: lengthAt = 8, nameAt = 12; break;
                case 0x104: nameAt = 94; break;
                case 0x105: nameAt = 80; break;
                case 0x106: nameAt = 104; break;
                default: break;
                }
                const size_t data = loadLe16(w + 14), count = loadLe16(w + 12);
                std::string files;
                if (nameAt && count) {
                    bool whole = true;
                    for (size_t e = data; e < data + count;) {
                        const size_t len = e + nameAt <= cap ? loadLe32(h + e + lengthAt) : 0;
                        if (r.partial && e + nameAt + len > cap) {
                            whole = false;
                            break;
                        }
                        if (!need(e + nameAt, s) || !need(e + nameAt + len, s))
                            break;
                        files += ' ';
                        std::string name = unicode ? utf16(h + e + nameAt, len) : std::string(reinterpret_cast<const char*>(h + e + nameAt), len);
                        while (!name.empty() && name.back() == '\0') // an OEM name's length may count its NUL
                            name.pop_back();
                        files += name;
                        const uint32_t next = loadLe32(h + e);
                        if (!next)
                            break;
                        e += next;
                    }
                    if (!cut && whole)
                        tail = ", Files:" + files; // written once the whole response was read
                }
            }
        }
        break;
    }
    case 0xa0: { // NT Trans: the function; an IOCTL's code and FID
        const auto functionName = [](uint16_t f) {
            const char* n = nameOf(kSmbNtTransFunctions, f);
            return n ? std::string(n) : unknown(f);
        };
        if (!response && wc >= 19 && field(38)) {
            const uint16_t function = loadLe16(w + 36);
            if (learned)
                learned->sub = function;
            s += ", " + functionName(function);
            if (function == 2 && wc >= 23 && field(46)) { // code, FID, then the FSCTL and flags bytes
                if (learned)
                    learned->fid = loadLe16(w + 42);
                s += ioctlName(loadLe32(w + 38)) + ", FID: " + hexFid(loadLe16(w + 42));
            } else if (function == 6 && need(loadLe32(w + 23) + 2, s)) { // QUERY SECURITY DESC: the FID in its parameters
                if (learned)
                    learned->fid = loadLe16(h + loadLe32(w + 23));
                s += ", FID: " + hexFid(loadLe16(h + loadLe32(w + 23)));
            }
        } else if (response && (!request || request->command != cmd || request->sub == Smb2Conversations::kSmb1Unknown)) {
            s += ", <unknown>"; // its request unseen or unread
        } else if (response) {
            if (request->fid >= 0)
                s += ", FID: " + hexFid(uint32_t(request->fid));
            s += ", " + functionName(request->sub);
        }
        break;
    }
    case 0x07: // Rename: the old name and the new, each after its buffer format
        if (!response && field(2 * wc + 2) && need(bytes + 1, s)) {
            // The new name after the old one's NUL and its own buffer format.
            size_t next = bytes + 1 + ((unicode && ((bytes + 1) & 1)) ? 1 : 0);
            while (next + 1 < cap && (unicode ? (h[next] | h[next + 1]) != 0 : h[next] != 0))
                next += unicode ? 2 : 1;
            next += unicode ? 2 : 1;
            add(", Old Name: ", text(bytes + 1));
            if (!cut)
                add(", New Name: ", text(next + 1));
        }
        break;
    case 0x06: case 0x08: case 0x09: // Delete, Query Information, Set Information
        if (!response && field(2 * wc + 2) && need(bytes + 1, s))
            add(", Path: ", text(bytes + 1));
        break;
    case 0x05: // Flush
        if (!response && wc >= 1 && field(2))
            s += ", FID: " + hexFid(loadLe16(w));
        break;
    case 0x24: // Locking AndX
        if (!response && wc >= 8 && field(6))
            s += ", FID: " + hexFid(loadLe16(w + 4));
        break;
    case 0x00: case 0x01: case 0x10: // Create Directory, Delete Directory, Check Directory
        if (!response && field(2 * wc + 2) && need(bytes + 1, s))
            add(", Directory: ", text(bytes + 1));
        break;
    default: break;
    }
    // SMB reads the rest of what the byte count announces (of a message the view kept whole).
    if (!cut && !r.partial && need(bytes, s))
        need(bytes + loadLe16(h + bytes - 2), s);
    if (!cut)
        s += tail;
    if (response && status && !cut) {
        const char* st = nameOf(kSmb2Statuses, status);
        s += ", Error: " + (st ? std::string(st) : unknown(status));
    }
    return s;
}

std::string netbiosName(const uint8_t* p, size_t n)
{
    if (n < 33 || p[0] != 32)
        return {};
    char name[16];
    for (size_t i = 0; i < 16; ++i)
        name[i] = char((p[1 + 2 * i] - 'A') << 4 | ((p[2 + 2 * i] - 'A') & 0x0f));
    size_t len = 15;
    while (len > 0 && name[len - 1] == ' ')
        --len;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "<%02x>", uint8_t(name[15]));
    return std::string(name, len) + suffix;
}

// Whether NBSS takes the bytes at p as the start of a message (else tshark calls the segment a
// continuation): a known type whose length fits it, and no flag but the length's extension.
bool nbssStart(const uint8_t* p, size_t n, bool direct)
{
    if (n < 4 || (!direct && (p[1] & ~1)))
        return false;
    const uint32_t len = nbssMessageLength(p, n, direct) - 4;
    switch (p[0]) {
    case 0x00: // longer than NBSS's own 17 bits only when SMB's header shows it is SMB
        return len != 0 && (len <= 0x1ffff || (n >= 8 && p[4] >= 0xfd && std::memcmp(p + 5, "SMB", 3) == 0));
    case 0x81: return len >= 2 * (1 + 32 + 1);
    case 0x82: case 0x85: return len == 0;
    case 0x83: return len == 1;
    case 0x84: return len == 6;
    default: return false;
    }
}

// The NBSS messages in p[0, n) and their SMB2: each message writes the column anew (SMB2 clears
// it), so the last one names the row; a chain's commands are joined with ";". `protocol` is
// left empty for SMB (version 1), which is not read here.
std::string readSegment(const uint8_t* p, size_t n, size_t reported, bool direct, Reading r, std::string& protocol)
{
    if (n < 4 && n < reported) { // the capture cut the header: NBSS finds no message's start
        protocol = "NBSS";
        addLayer(r, "nbss");
        return "NBSS Continuation Message";
    }
    if (!nbssStart(p, n, direct)) {
        protocol = "NBSS";
        addLayer(r, "nbss");
        return "NBSS Continuation Message";
    }
    if (r.reassembling && n >= reported)
        r.pastText = kMalformed;
    std::string info;
    for (size_t off = 0; off < reported && off < n;) { // NBSS reads on while bytes were captured
        if (off + 4 > n) { // its next header ran out
            info += off + 4 <= reported ? r.snapText : r.pastText;
            break;
        }
        const size_t len = nbssMessageLength(p + off, n - off, direct);
        const size_t end = std::min<size_t>(off + len, reported), capEnd = std::min(end, n);
        static constexpr const char* kTypes[] = {"Session request", "Positive session response", "Negative session response",
                                                 "Retarget session response", "Session keep-alive"};
        const uint8_t type = p[off];
        bool cut = false;
        if (type == 0 || (type >= 0x81 && type <= 0x85))
            addLayer(r, "nbss");
        if (type >= 0x81 && type <= 0x85) {
            protocol = "NBSS";
            info = kTypes[type - 0x81];
            if (type == 0x83 && capEnd == off + 4 && end > capEnd) { // its error code ran out
                info += r.snapText;
                break;
            }
            if (type == 0x83 && capEnd > off + 4) {
                static constexpr std::pair<uint8_t, const char*> kErrors[] = {
                    {0x80, "Not listening on called name"}, {0x81, "Not listening for calling name"},
                    {0x82, "Called name not present"}, {0x83, "Called name present, but insufficient resources"},
                    {0x8f, "Unspecified error"}};
                const char* why = "Unknown";
                for (const auto& [code, text] : kErrors)
                    if (code == p[off + 4])
                        why = text;
                info += std::string(", ") + why;
            }
            if (type == 0x84 && capEnd < off + 10 && end > capEnd) { // the address and port ran out
                info += r.snapText;
                break;
            }
            if (type == 0x81) { // the called name, then the calling one after its labels
                const uint8_t* names = p + off + 4;
                const size_t have = capEnd - off - 4;
                size_t second = 0;
                while (second < have && names[second] != 0)
                    second += names[second] + 1;
                ++second;
                cut = true;
                if (have >= 34) {
                    info += ", to " + netbiosName(names, have) + " ";
                    if (second + 34 <= have) {
                        info += "from " + netbiosName(names + second, have - second);
                        cut = false;
                    }
                }
                if (cut)
                    info += r.snapText;
            }
        } else if (type == 0 && capEnd >= off + 8 && std::memcmp(p + off + 4, "\xfeSMB", 4) == 0) {
            protocol = "SMB2";
            info.clear();
            for (size_t m = off + 4; m < end;) {
                const size_t cap = m < capEnd ? capEnd - m : 0;
                // A next command inside this one's header is not followed (nor is one at or past the end).
                const uint32_t chained = cap >= kHeader ? loadLe32(p + m + 20) : 0;
                const uint32_t next = chained >= kHeader ? chained : 0;
                const size_t mlen = next ? std::min<size_t>(next, end - m) : end - m;
                if (m != off + 4) {
                    if (cap < 4) { // the next command's protocol id ran out
                        info += m + 4 <= reported ? r.snapText : r.pastText;
                        cut = true;
                        break;
                    }
                    info += ";";
                }
                const size_t inSegment = m < reported ? reported - m : 0;
                info += message(p + m, std::min(cap, mlen), inSegment, r, cut);
                if (!next || cut)
                    break;
                m += next;
            }
        } else if (type == 0 && capEnd >= off + 8 && std::memcmp(p + off + 4, "\xfdSMB", 4) == 0) {
            // SMB 3's transform header: what it carries is encrypted, and named once read whole.
            protocol = "SMB2";
            addLayer(r, "smb2");
            const size_t whole = off + 4 + 52 + (capEnd >= off + 4 + 52 ? loadLe32(p + off + 4 + 36) : 0);
            if (capEnd < std::min(whole, off + len)) {
                info = std::min(whole, off + len) <= reported ? r.snapText : r.pastText;
                break;
            }
            info = "Encrypted SMB3";
        } else if (type == 0 && capEnd >= off + 8 && std::memcmp(p + off + 4, "\xffSMB", 4) == 0) {
            protocol = "SMB";
            const size_t inSegment = off + 4 < reported ? reported - off - 4 : 0;
            info = smb1Message(p + off + 4, capEnd - off - 4, inSegment, r, cut);
        } else if (type == 0) {
            // Not SMB; with no byte of it captured, the data's read fails.
            protocol = "NBSS";
            info = "Session message";
            if (capEnd < off + 8 && end > capEnd) { // the cut came before the SMB protocol id NBSS looks for
                info += r.snapText;
                break;
            }
            addLayer(r, "data");
        } else {
            break;
        }
        if (cut)
            break;
        off += len;
    }
    // An exception's node, after the layers it stopped.
    if (info.ends_with(kSizeLimited))
        addLayer(r, "_ws.short");
    else if (info.ends_with(kUnreassembled))
        addLayer(r, "_ws.unreassembled");
    else if (info.ends_with(kMalformed))
        addLayer(r, "_ws.malformed");
    return info;
}

} // namespace

uint32_t nbssMessageLength(const uint8_t* p, size_t n, bool direct)
{
    if (n < 4)
        return 0;
    const uint32_t len = direct ? uint32_t(p[1]) << 16 | p[2] << 8 | p[3] : uint32_t(p[1] & 1) << 16 | p[2] << 8 | p[3];
    return len + 4;
}

bool nbssStartsMessage(const uint8_t* p, size_t n, bool direct)
{
    return nbssStart(p, n, direct);
}

void Smb2Conversations::learn(uint32_t stream, uint64_t frameKey, const uint8_t* p, size_t n, size_t reported, bool direct)
{
    if (n < 8 || !nbssStart(p, n, direct))
        return;
    State& st = states_[stream];
    std::string protocol;
    readSegment(p, n, reported, direct, {&st, &st, frameKey, false}, protocol);
}

NbssSummary Smb2Conversations::summary(uint32_t stream, uint64_t frameKey, const uint8_t* p, size_t n, size_t reported,
                                       bool direct, bool reassembling, bool partial) const
{
    const auto it = states_.find(stream);
    NbssSummary out;
    Reading r{it == states_.end() ? nullptr : &it->second, nullptr, frameKey, reassembling, partial};
    r.layers = &out.layers;
    out.info = readSegment(p, n, reported, direct, r, out.protocol);
    return out;
}

NbssSummary nbssSummary(const uint8_t* p, size_t n, size_t reported, bool direct, bool reassembling)
{
    NbssSummary out;
    Reading r{nullptr, nullptr, 0, reassembling};
    r.layers = &out.layers;
    out.info = readSegment(p, n, reported, direct, r, out.protocol);
    return out;
}

} // namespace synflow
