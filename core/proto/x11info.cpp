#include "proto/x11info.h"
#include "output/exceptiontext.h"

#include <algorithm>
#include <iterator>

namespace synflow {
namespace {

// The core protocol's request names by opcode (X11 protocol specification, chapter 9).
const char* const kRequests[] = {
    nullptr, "CreateWindow", "ChangeWindowAttributes", "GetWindowAttributes", "DestroyWindow", "DestroySubwindows",
    "ChangeSaveSet", "ReparentWindow", "MapWindow", "MapSubwindows", "UnmapWindow", "UnmapSubwindows", "ConfigureWindow",
    "CirculateWindow", "GetGeometry", "QueryTree", "InternAtom", "GetAtomName", "ChangeProperty", "DeleteProperty",
    "GetProperty", "ListProperties", "SetSelectionOwner", "GetSelectionOwner", "ConvertSelection", "SendEvent",
    "GrabPointer", "UngrabPointer", "GrabButton", "UngrabButton", "ChangeActivePointerGrab", "GrabKeyboard",
    "UngrabKeyboard", "GrabKey", "UngrabKey", "AllowEvents", "GrabServer", "UngrabServer", "QueryPointer",
    "GetMotionEvents", "TranslateCoordinates", "WarpPointer", "SetInputFocus", "GetInputFocus", "QueryKeymap",
    "OpenFont", "CloseFont", "QueryFont", "QueryTextExtents", "ListFonts", "ListFontsWithInfo", "SetFontPath",
    "GetFontPath", "CreatePixmap", "FreePixmap", "CreateGC", "ChangeGC", "CopyGC", "SetDashes", "SetClipRectangles",
    "FreeGC", "ClearArea", "CopyArea", "CopyPlane", "PolyPoint", "PolyLine", "PolySegment", "PolyRectangle", "PolyArc",
    "FillPoly", "PolyFillRectangle", "PolyFillArc", "PutImage", "GetImage", "PolyText8", "PolyText16", "ImageText8",
    "ImageText16", "CreateColormap", "FreeColormap", "CopyColormapAndFree", "InstallColormap", "UninstallColormap",
    "ListInstalledColormaps", "AllocColor", "AllocNamedColor", "AllocColorCells", "AllocColorPlanes", "FreeColors",
    "StoreColors", "StoreNamedColor", "QueryColors", "LookupColor", "CreateCursor", "CreateGlyphCursor", "FreeCursor",
    "RecolorCursor", "QueryBestSize", "QueryExtension", "ListExtensions", "ChangeKeyboardMapping",
    "GetKeyboardMapping", "ChangeKeyboardControl", "GetKeyboardControl", "Bell", "ChangePointerControl",
    "GetPointerControl", "SetScreenSaver", "GetScreenSaver", "ChangeHosts", "ListHosts", "SetAccessControl",
    "SetCloseDownMode", "KillClient", "RotateProperties", "ForceScreenSaver", "SetPointerMapping",
    "GetPointerMapping", "SetModifierMapping", "GetModifierMapping"};

const char* const kEvents[] = {
    nullptr, nullptr, "KeyPress", "KeyRelease", "ButtonPress", "ButtonRelease", "MotionNotify", "EnterNotify",
    "LeaveNotify", "FocusIn", "FocusOut", "KeymapNotify", "Expose", "GraphicsExpose", "NoExpose", "VisibilityNotify",
    "CreateNotify", "DestroyNotify", "UnmapNotify", "MapNotify", "MapRequest", "ReparentNotify", "ConfigureNotify",
    "ConfigureRequest", "GravityNotify", "ResizeRequest", "CirculateNotify", "CirculateRequest", "PropertyNotify",
    "SelectionClear", "SelectionRequest", "SelectionNotify", "ColormapNotify", "ClientMessage", "MappingNotify",
    "GenericEvent"};

const char* const kErrors[] = {"Success", "BadRequest", "BadValue", "BadWindow", "BadPixmap", "BadAtom",
                               "BadCursor", "BadFont", "BadMatch", "BadDrawable", "BadAccess", "BadAlloc",
                               "BadColormap", "BadGC", "BadIDChoice", "BadName", "BadLength", "BadImplementation"};

// The requests of the extensions tshark dissects, by the name QueryExtension asks for (from
// xcb-proto, by make-x11extensions.py): their names, and how far their fields and their
// replies' reach (`varies`: a list follows, read to the message's length).
struct X11ExtensionRequest {
    const char* extension;
    uint8_t minor;
    const char* name;
    bool hasReply;
    int16_t reach;
    bool varies;
    int16_t replyReach;
    bool replyVaries;
};
struct X11ExtensionName {
    const char* extension;
    const char* name;
};
#include "proto/x11extensions.inc"
using ExtensionRequest = X11ExtensionRequest;

bool knownExtension(const std::string& name)
{
    for (const ExtensionRequest& r : kExtensionRequests)
        if (name == r.extension)
            return true;
    return false;
}

const ExtensionRequest* extensionRequest(const std::string& name, uint8_t minor)
{
    for (const ExtensionRequest& r : kExtensionRequests)
        if (r.minor == minor && name == r.extension)
            return &r;
    return nullptr;
}

constexpr uint8_t kQueryExtension = 98;
// tshark's markers in its table of replies expected: nothing seen yet on the connection, and the
// setup's reply awaited. A counter it never stored reads as 0, a reply to an unknown request.
constexpr int kNothingSeen = -3, kSetupAwaited = -1;

// What tshark 4.0 appends where X11 reads past the end of a message or of the segment: the
// first while TCP reassembly is off (or cannot work: a segment the snapshot length cut).

// The requests that expect a reply (besides QueryExtension, and every extension request).
bool expectsReply(uint8_t op)
{
    switch (op) {
    case 3: case 14: case 15: case 16: case 17: case 20: case 21: case 23: case 26: case 31: case 38: case 39:
    case 40: case 43: case 44: case 47: case 48: case 49: case 50: case 52: case 73: case 83: case 84: case 85:
    case 86: case 87: case 91: case 92: case 97: case 98: case 99: case 101: case 103: case 106: case 108:
    case 110: case 116: case 117: case 118: case 119:
        return true;
    default:
        return false;
    }
}

int roundUp4(int64_t n) { return int((n + 3) / 4); } // in words

// tshark writes its exception where X11 reads a value past what the segment holds of a message
// (marking bytes as unused or undecoded reads nothing). How far each message's fields reach:
// a core request its size in the protocol (those with lists or strings all of their length); a
// reply, event or error its last field that tshark reads.
int64_t requestExtent(uint8_t op, int64_t plen, bool big)
{
    // Sizes in 4-byte words; negative: the least size of a request whose length varies.
    static const int8_t words[128] = {
        0,  -8, -3, 2,  2,  2,  2,  4,  2,  2,  2,  2,  -3, 2,  2,  2,  -2, 2,  -6, 3,  6,  2,  4,  2,  6,  11, 6,
        2,  6,  3,  4,  4,  2,  4,  3,  2,  1,  1,  2,  4,  4,  6,  3,  1,  1,  -3, 2,  2,  -2, -2, -2, -2, 1,  4,
        2,  -4, -3, 4,  -3, -3, 2,  4,  7,  8,  -3, -3, -3, -3, -3, -4, -3, -3, -6, 5,  -4, -4, -4, -4, 4,  2,  3,
        2,  2,  2,  4,  -3, 3,  4,  -3, -2, -4, -2, -3, 8,  8,  2,  5,  3,  -2, 1,  -2, 2,  -2, 1,  1,  3,  1,  3,
        1,  -2, 1,  1,  1,  2,  -3, 1,  -1, 1,  -1, 1,  0,  0,  0,  0,  0,  0,  0,  1};
    const int w = op < 128 ? words[op] : 1; // an extension's request: its length, nothing more
    const int64_t extent = w < 0 ? std::max<int64_t>(-w * 4, plen) : w * 4;
    return extent + (big ? 4 : 0); // a BIG-REQUESTS length takes 4 more bytes
}

// The requests whose values follow a bit mask read one value per bit set (where the mask is,
// its size, how many bits count); others: requestExtent().
int64_t maskedExtent(uint8_t op, const uint8_t* p, size_t n, bool le, int64_t fallback)
{
    size_t at, size;
    uint32_t bits;
    switch (op) {
    case 1: at = 28, size = 4, bits = 0x7fff; break;  // CreateWindow
    case 2: at = 8, size = 4, bits = 0x7fff; break;   // ChangeWindowAttributes
    case 12: at = 8, size = 2, bits = 0x7f; break;    // ConfigureWindow
    case 55: at = 12, size = 4, bits = 0x7fffff; break; // CreateGC
    case 56: at = 8, size = 4, bits = 0x7fffff; break;  // ChangeGC
    case 102: at = 4, size = 4, bits = 0xff; break;   // ChangeKeyboardControl
    default: return fallback;
    }
    if (at + size > n)
        return int64_t(at + size);
    uint32_t mask = 0;
    for (size_t i = 0; i < size; ++i)
        mask |= uint32_t(p[at + i]) << (8 * (le ? i : size - 1 - i));
    const size_t values = at + size + (op == 12 ? 2 : 0); // ConfigureWindow pads its 16-bit mask
    return int64_t(values) + 4 * __builtin_popcount(mask & bits);
}

int64_t replyExtent(int op)
{
    switch (op) {
    case 14: return 22;                     // GetGeometry
    case 16: case 23: case 43: return 12;   // InternAtom, GetSelectionOwner, GetInputFocus
    case 20: case 84: case 92: return 20;   // GetProperty, AllocColor, LookupColor
    case 38: return 26;                     // QueryPointer
    case 40: return 16;                     // TranslateCoordinates
    case 97: case 98: return 12;            // QueryBestSize, QueryExtension
    case 106: case 108: return 14;          // GetPointerControl, GetScreenSaver
    default: return 8;                      // code, sequence number, length
    }
}

int64_t eventExtent(uint8_t code)
{
    static const uint8_t extent[36] = {1,  1,  31, 31, 31, 31, 31, 32, 32, 9,  9,  1,  18, 21, 11, 9,  23, 12,
                                       13, 13, 12, 21, 27, 1,  16, 12, 17, 17, 17, 16, 28, 24, 14, 32, 7,  12};
    return code < std::size(extent) ? extent[code] : 1;
}
constexpr int64_t kErrorExtent = 11; // code, sequence number, bad value, minor and major opcode

// The byte order tshark guesses for requests when the connection setup did not say: a walk of
// the segment's requests by their lengths, each checked against what its opcode allows.
class OrderGuess {
public:
    OrderGuess(const uint8_t* p, size_t n) : p_(p), n_(n) {}

    // 1 little-endian, 0 big-endian; `sure` when one order fits and the other does not.
    int guess(bool& sure) const
    {
        const int le = match(true), be = match(false);
        sure = (le < 0 && be > 0) || (le > 0 && be < 0);
        if (le == be)
            return n_ < 4 || v16(2, true) <= v16(2, false) ? 1 : 0;
        return le >= be ? 1 : 0;
    }

private:
    bool has(size_t off, size_t len) const { return off + len <= n_; }
    int v16(size_t off, bool le) const { return le ? p_[off] | p_[off + 1] << 8 : p_[off] << 8 | p_[off + 1]; }
    int64_t v32(size_t off, bool le) const
    {
        return le ? int64_t(uint32_t(p_[off] | p_[off + 1] << 8 | p_[off + 2] << 16 | uint32_t(p_[off + 3]) << 24))
                  : int64_t(uint32_t(uint32_t(p_[off]) << 24 | p_[off + 1] << 16 | p_[off + 2] << 8 | p_[off + 3]));
    }
    int bits(size_t off, size_t len) const
    {
        int c = 0;
        for (size_t i = 0; i < len; ++i)
            c += __builtin_popcount(p_[off + i]);
        return c;
    }
    // -1 some request does not fit, 1 all fit, 0 no request to judge.
    int match(bool le) const
    {
        int seen = 0;
        for (size_t off = 0; has(off, 4);) {
            const int length = v16(off + 2, le);
            if (!length || !fits(length, off, le))
                return -1;
            seen = 1;
            off += size_t(length) * 4;
        }
        return seen;
    }
    bool stringsFit(size_t off, int length, int count) const
    {
        if (count > length)
            return false;
        while (count--) {
            if (!has(off, 1))
                return true;
            int l = p_[off];
            if (!l)
                break;
            ++l;
            if (l > length)
                return false;
            if (!has(off, size_t(l)))
                return true;
            off += size_t(l);
            length -= l;
        }
        return length <= 3;
    }
    // Some checks read the segment's first bytes whatever the request's place (as tshark does).
    bool fits(int length, size_t off, bool le) const
    {
        switch (p_[off]) {
        case 1: return !has(off, 32) || length == 8 + bits(off + 28, 4);
        case 2: case 56: return !has(off, 12) || length == 3 + bits(off + 8, 4);
        case 3: case 4: case 5: case 6: case 8: case 9: case 10: case 11: case 13: case 14: case 15: case 17: case 21:
        case 23: case 27: case 32: case 35: case 38: case 46: case 47: case 54: case 60: case 79: case 81: case 82:
        case 83: case 95: case 101: case 113:
            return length == 2;
        case 7: case 22: case 30: case 31: case 33: case 39: case 40: case 53: case 57: case 61: case 78: case 84: case 87:
            return length == 4;
        case 12: return !has(off, 10) || length == 3 + bits(off + 8, 2);
        case 16: case 98: return !has(off, 6) || length == 2 + roundUp4(v16(off + 4, le));
        case 18: {
            if (!has(off, 17))
                return true;
            const int format = p_[16];
            if (format != 8 && format != 16 && format != 32)
                return false;
            if (!has(off, 24))
                return true;
            return length == 6 + roundUp4(int64_t(int32_t(uint32_t(v32(off + 20, le) * (format / 8)))));
        }
        case 19: case 29: case 34: case 42: case 80: case 86: case 97: case 105: case 107: return length == 3;
        case 20: case 24: case 26: case 28: case 41: return length == 6;
        case 25: return length == 11;
        case 36: case 37: case 43: case 44: case 52: case 99: case 103: case 104: case 106: case 108: case 110: case 111:
        case 112: case 115: case 117: case 119:
            return length == 1;
        case 45: case 85: case 92: return !has(off, 10) || length == 3 + roundUp4(v16(off + 8, le));
        case 48: case 91: return length >= 2;
        case 49: case 50: case 109: return !has(off, 8) || length == 2 + roundUp4(v16(off + 6, le));
        case 51:
            if (length < 2)
                return false;
            return !has(off, 8) || stringsFit(off + 8, (length - 2) * 4, v16(off + 4, le));
        case 55: return !has(off, 16) || length == 4 + bits(off + 12, 4);
        case 58: return !has(off, 12) || length == 3 + roundUp4(v16(off + 10, le));
        case 59: case 66: case 67: case 70: return length >= 3 && (length - 3) % 2 == 0;
        case 62: return length == 7;
        case 63: case 93: case 94: return length == 8;
        case 64: case 65: case 88: return length >= 3;
        case 68: case 71: return length >= 3 && (length - 3) % 3 == 0;
        case 69: case 74: case 75: case 76: case 77: return length >= 4;
        case 72: return length >= 6;
        case 73: case 96: return length == 5;
        case 89: return length > 2 && (length - 2) % 3 == 0;
        case 90: return !has(off, 14) || length == 4 + roundUp4(v16(off + 12, le));
        case 100: return !has(off, 6) || length == 2 + p_[1] * p_[5];
        case 102: return !has(off, 6) || length == 2 + bits(off + 4, 2);
        case 114: return !has(off, 10) || length == 3 + v16(off + 8, le);
        case 116: return length == 1 + roundUp4(p_[1]);
        case 118: return length == 1 + p_[1] * 2;
        case 127: return length >= 1;
        default: return true;
        }
    }

    const uint8_t* p_;
    size_t n_;
};

// One segment read as tshark's X11 reads it: `learning` for its first pass (the state changes),
// else its second, where the state is the first pass's end but for what the second pass itself
// changes (the request counter, reset by a connection setup, and the entry at that counter).
class X11Walk {
public:
    using State = X11Conversations::State;
    X11Walk(const State& st, State* learning, uint64_t frame, const uint8_t* p, size_t n, size_t reported,
         bool reassembling = false)
        : st_(st), learn_(learning), frame_(frame), p_(p), n_(n), r_(reported), counter_(st.counter), order_(st.byteOrder),
          error_(reassembling && n >= reported ? kMalformed : kUnreassembled)
    {
    }

    // The second pass's counter and the value its requests last stored there before this frame.
    void secondPass(int counter, bool overridden, int value)
    {
        counter_ = counter;
        if (overridden)
            overlay_.emplace_back(counter, value);
    }

    X11Summary run(bool fromServer)
    {
        if (fromServer)
            replies();
        else
            requests();
        return out_;
    }

private:
    enum class Read { Ok, Cut, Past };
    // Reading [0, end) of the segment: cut by the snapshot length, or past the payload.
    Read reach(size_t end) const { return end <= n_ ? Read::Ok : end <= r_ ? Read::Cut : Read::Past; }
    void stop(Read r) { out_.info += r == Read::Cut ? kSizeLimited : error_; }
    bool le() const { return order_ != 0; }
    int v16(size_t off) const { return le() ? p_[off] | p_[off + 1] << 8 : p_[off] << 8 | p_[off + 1]; }
    uint32_t v32(size_t off) const
    {
        return le() ? uint32_t(p_[off] | p_[off + 1] << 8 | p_[off + 2] << 16) | uint32_t(p_[off + 3]) << 24
                    : uint32_t(p_[off]) << 24 | uint32_t(p_[off + 1] << 16 | p_[off + 2] << 8 | p_[off + 3]);
    }

    int lookup(int key) const
    {
        for (auto it = overlay_.rbegin(); it != overlay_.rend(); ++it)
            if (it->first == key)
                return it->second;
        const auto it = st_.replies.find(key);
        return it == st_.replies.end() ? 0 : it->second;
    }
    void store(int key, int value)
    {
        if (learn_) {
            learn_->replies[key] = value;
            if (!learn_->writes.empty() && learn_->writes.back().first == frame_)
                learn_->writes.back().second = value;
            else
                learn_->writes.emplace_back(frame_, value);
        } else {
            overlay_.emplace_back(key, value);
        }
    }
    void setCounter(int c)
    {
        counter_ = c;
        if (learn_)
            learn_->counter = c;
    }
    uint64_t setupFrame() const { return learn_ ? learn_->setupFrame : st_.setupFrame; }
    uint64_t setupReplyFrame() const { return learn_ ? learn_->setupReplyFrame : st_.setupReplyFrame; }

    std::string requestName(int op) const
    {
        if (op >= 0 && op < int(std::size(kRequests)) && kRequests[op])
            return kRequests[op];
        if (op == 127)
            return "NoOperation";
        for (const auto& [name, value] : st_.extensions)
            if (value == op)
                return name;
        return "<Unknown opcode " + std::to_string(op) + ">";
    }

    // An event's or error's name: one an extension took over, the core protocol's, or unknown.
    template <size_t N>
    static std::string codeName(const std::unordered_map<int, const char*>& taken, const char* const (&core)[N], uint8_t code,
                                const char* what)
    {
        if (const auto it = taken.find(code); it != taken.end())
            return it->second;
        if (code < N && core[code])
            return core[code];
        std::string unknown = "<Unknown "; // built in steps: GCC 12 warns wrongly on one expression
        unknown += what;
        unknown += ' ';
        unknown += std::to_string(code);
        unknown += '>';
        return unknown;
    }

    void separate(const char* title)
    {
        if (!sep_) {
            out_.ownInfo = true;
            out_.info = title;
            sep_ = ":";
        }
    }

    // The connection's byte order, or tshark's guess from this segment's requests (kept once sure).
    void guessOrder()
    {
        if (order_ >= 0)
            return;
        bool sure = false;
        order_ = OrderGuess(p_, n_).guess(sure);
        guessed_ = !sure;
        if (sure && learn_)
            learn_->byteOrder = order_;
    }

    void requests()
    {
        for (size_t off = 0; off < r_;) {
            const size_t remaining = r_ - off;
            guessOrder();
            if (Read r = reach(1); r != Read::Ok)
                return stop(r);
            const uint8_t first = p_[0]; // tshark looks at the segment's first byte for a setup
            if (Read r = reach(off + 4); r != Read::Ok)
                return stop(r);
            int64_t plen = v16(off + 2);
            const bool big = plen == 0; // BIG-REQUESTS: the length follows, in 32 bits
            if (big) {
                if (Read r = reach(off + 8); r != Read::Ok)
                    return stop(r);
                plen = v32(off + 4);
                if (plen > 0x1fffffff)
                    return; // too long to count in bytes: tshark gives up as on a length of 0
            }
            if (plen == 0)
                return; // "bogus request length": nothing more, the column as it was
            const bool setup = setupFrame() == frame_
                || (lookup(counter_) == kNothingSeen && (first == 'B' || first == 'l') && (plen == 11 || plen == 2816));
            if (setup) {
                if (guessed_) { // the setup says what the guess could not
                    order_ = first == 'B' ? 0 : 1;
                    guessed_ = false;
                    if (learn_ && learn_->byteOrder < 0)
                        learn_->byteOrder = order_;
                }
                if (Read r = reach(off + 10); r != Read::Ok)
                    return stop(r);
                plen = 12 + int64_t(roundUp4(v16(off + 6))) * 4 + int64_t(roundUp4(v16(off + 8))) * 4;
            } else {
                plen = int32_t(uint32_t(plen) * 4u); // tshark's int arithmetic
                if (plen <= 0)
                    return stop(Read::Past);
            }
            const size_t len = size_t(std::min<int64_t>(int64_t(remaining), plen));
            if (Read r = reach(off + len); r != Read::Ok)
                return stop(r);
            bool whole = true;
            int64_t extent = plen;
            if (setup) {
                out_.ownInfo = true;
                out_.info = "Initial connection request";
                if (learn_) {
                    learn_->setupFrame = frame_;
                    setCounter(0);
                    store(0, kSetupAwaited);
                } else {
                    counter_ = 0;
                    overlay_.emplace_back(0, kSetupAwaited);
                }
            } else {
                separate("Requests");
                plen_ = plen;
                whole = request(off, len, big);
                extent = extent_;
            }
            if (whole && extent > int64_t(len))
                out_.info += error_; // fields past the segment's end (or the message's)
            off += size_t(plen);
            sep_ = ",";
        }
    }

    // One request of `len` captured bytes at `off`; false when it ends in an exception (written).
    bool request(size_t off, size_t len, bool big)
    {
        if (big && len < 8) { // its length read again, past what the segment holds of it
            out_.info += error_;
            return false;
        }
        if (learn_)
            setCounter(counter_ + 1);
        const uint8_t op = p_[off];
        const std::string name = requestName(op);
        out_.info += std::string(sep_) + " " + name;
        extent_ = big ? requestExtent(op, plen_, big) : maskedExtent(op, p_ + off, len, le(), requestExtent(op, plen_, big));
        if (op >= 128 && knownExtension(name)) {
            // The extension's own reader names the minor request and reads its fields.
            const ExtensionRequest* r = extensionRequest(name, p_[off + 1]);
            out_.info += "-" + (r ? std::string(r->name) : "<Unknown opcode " + std::to_string(p_[off + 1]) + ">");
            extent_ = (r ? (r->varies ? std::max<int64_t>(r->reach, plen_) : r->reach) : 4) + (big ? 4 : 0);
        }
        const size_t at = big ? 4 : 0; // fields after a BIG-REQUESTS length move by 4
        if (op == kQueryExtension) {
            if (len < at + 8 || at + 8 + size_t(v16(off + at + 4)) > len) {
                out_.info += error_;
                return false;
            }
            const size_t nameLen = size_t(v16(off + at + 4));
            if (learn_) {
                std::string name;
                for (size_t i = 0; i < nameLen && p_[off + at + 8 + i]; ++i) {
                    const uint8_t c = p_[off + at + 8 + i];
                    name += c < 0x80 ? std::string(1, char(c)) : std::string("\xef\xbf\xbd");
                }
                auto& ext = learn_->extensions;
                auto it = std::find_if(ext.begin(), ext.end(), [&](const auto& e) { return e.first == name; });
                if (it == ext.end())
                    it = ext.insert(ext.end(), {name, -1});
                learn_->pendingQueries[counter_] = size_t(it - ext.begin());
            }
        }
        if (expectsReply(op))
            store(counter_, op);
        else if (op >= 128)
            store(counter_, op | p_[off + 1] << 8);
        return true;
    }

    void replies()
    {
        if (order_ < 0)
            order_ = 1; // tshark does not guess from the server's side
        for (size_t off = 0; off < r_;) {
            const size_t remaining = r_ - off;
            int64_t plen;
            const char* title;
            enum { SetupReply, Error, Reply, Event } kind;
            if (lookup(counter_) == kSetupAwaited || setupReplyFrame() == frame_) {
                if (Read r = reach(off + 8); r != Read::Ok)
                    return stop(r);
                plen = 8 + int64_t(v16(off + 6)) * 4;
                title = "Initial connection reply";
                kind = SetupReply;
            } else {
                if (Read r = reach(off + 1); r != Read::Ok)
                    return stop(r);
                if (p_[off] == 0) {
                    plen = 32, title = "Error", kind = Error;
                } else if (p_[off] == 1 || p_[off] == 35) { // a reply, or a GenericEvent: a length follows
                    if (Read r = reach(off + 8); r != Read::Ok)
                        return stop(r);
                    plen = int32_t(32u + v32(off + 4) * 4u); // tshark's int arithmetic
                    if (plen < 32)
                        return stop(Read::Past);
                    title = p_[off] == 1 ? "Reply" : "Event";
                    kind = p_[off] == 1 ? Reply : Event;
                } else {
                    plen = 32, title = "Event", kind = Event;
                }
            }
            const size_t len = size_t(std::min<int64_t>(int64_t(remaining), plen));
            if (Read r = reach(off + len); r != Read::Ok)
                return stop(r);
            separate(title);
            bool whole = true;
            int64_t extent = kErrorExtent;
            switch (kind) {
            case SetupReply:
                if (learn_)
                    learn_->setupReplyFrame = frame_;
                // A refusal reads its reason; an acceptance its fixed part and lists (all of it).
                extent = p_[off] == 0 ? 8 + int64_t(p_[off + 1]) : std::max<int64_t>(40, plen);
                break;
            case Error:
                if (len < 2) {
                    out_.info += error_;
                    whole = false;
                    break;
                }
                out_.info += std::string(sep_) + " " + codeName(st_.errorNames, kErrors, p_[off + 1], "errorcode");
                break;
            case Event: {
                const uint8_t code = p_[off] & 0x7f;
                extent = eventExtent(code);
                out_.info += std::string(sep_) + " " + (p_[off] & 0x80 ? "Sent-" : "") + codeName(st_.eventNames, kEvents, code, "eventcode");
                break;
            }
            case Reply:
                plen_ = plen;
                whole = reply(off, len);
                extent = extent_;
                break;
            }
            if (whole && extent > int64_t(len))
                out_.info += error_;
            off += size_t(plen);
            sep_ = ",";
        }
    }

    // A reply of `len` captured bytes at `off`; false when it ends in an exception (already written).
    bool reply(size_t off, size_t len)
    {
        const int seq = v16(off + 2);
        const int op = lookup(seq);
        if (!setupFrame() && !(learn_ ? learn_->resynced : st_.resynced)) {
            // No setup seen: the first reply tells where the client's counter stands.
            setCounter(seq);
            if (learn_)
                learn_->resynced = true;
        }
        extent_ = replyExtent(op);
        if (op == 0) {
            out_.info += std::string(sep_) + " to unknown request";
        } else {
            const std::string name = requestName(op & 0xff);
            out_.info += std::string(sep_) + " " + name;
            if ((op & 0xff) >= 128 && knownExtension(name))
                if (const ExtensionRequest* r = extensionRequest(name, uint8_t(op >> 8)); r && r->hasReply) {
                    out_.info += "-" + std::string(r->name);
                    extent_ = r->replyVaries ? std::max<int64_t>(r->replyReach, plen_) : r->replyReach;
                }
        }
        if (op != kQueryExtension)
            return true;
        if (len < 9) {
            out_.info += error_;
            return false;
        }
        if (!p_[off + 8] || !learn_)
            return true; // the extension is absent (or this is the second pass: learned already)
        const auto it = learn_->pendingQueries.find(seq);
        if (it == learn_->pendingQueries.end())
            return true;
        if (len < 12) {
            out_.info += error_;
            return false;
        }
        auto& [name, major] = learn_->extensions[it->second];
        major = p_[off + 9];
        // Its events and errors are numbered from the first codes the reply gives.
        int event = p_[off + 10], error = p_[off + 11];
        for (const X11ExtensionName& e : kExtensionEvents)
            if (name == e.extension && event <= 127)
                learn_->eventNames[event++] = e.name;
        for (const X11ExtensionName& e : kExtensionErrors)
            if (name == e.extension && error <= 255)
                learn_->errorNames[error++] = e.name;
        learn_->pendingQueries.erase(it);
        return true;
    }

    const State& st_;
    State* learn_;
    uint64_t frame_;
    const uint8_t* p_;
    size_t n_, r_;
    int counter_;
    int order_;
    bool guessed_ = false; // order_ is an unsure guess
    int64_t plen_ = 0, extent_ = 0; // the message being read: its length, how far its fields reach
    const char* error_;
    const char* sep_ = nullptr;
    std::vector<std::pair<int, int>> overlay_; // the second pass's own stores, newest last
    X11Summary out_;
};

X11Conversations::State freshState()
{
    X11Conversations::State st;
    st.replies[0] = kNothingSeen;
    return st;
}

} // namespace

const char* x11RequestName(uint8_t opcode)
{
    if (opcode == 127)
        return "NoOperation";
    return opcode < std::size(kRequests) ? kRequests[opcode] : nullptr;
}

const char* x11EventName(uint8_t code) { return code < std::size(kEvents) ? kEvents[code] : nullptr; }

const char* x11ErrorName(uint8_t code) { return code < std::size(kErrors) ? kErrors[code] : nullptr; }

bool x11Ports(uint16_t srcPort, uint16_t dstPort, bool& fromServer)
{
    const auto x11 = [](uint16_t port) { return port >= 6000 && port <= 6063; };
    const uint16_t low = std::min(srcPort, dstPort), high = std::max(srcPort, dstPort);
    const uint16_t matched = x11(low) ? low : x11(high) ? high : 0;
    fromServer = matched && srcPort == matched;
    return matched != 0;
}

void X11Conversations::learn(uint32_t stream, uint64_t frameKey, bool fromServer, const uint8_t* p, size_t captured,
                             size_t reported)
{
    auto it = states_.find(stream);
    if (it == states_.end())
        it = states_.emplace(stream, freshState()).first;
    X11Walk(it->second, &it->second, frameKey + 1, p, captured, reported).run(fromServer);
}

X11Summary X11Conversations::summary(uint32_t stream, uint64_t frameKey, bool fromServer, const uint8_t* p,
                                     size_t captured, size_t reported, bool reassembling) const
{
    const auto it = states_.find(stream);
    if (it == states_.end())
        return x11Summary(fromServer, p, captured, reported, reassembling);
    const State& st = it->second;
    const uint64_t frame = frameKey + 1;
    X11Walk walk(st, nullptr, frame, p, captured, reported, reassembling);
    // The second pass counts no request: its counter stays where the first pass left it, or at
    // 0 from the setup request on, and each request stores its opcode there.
    const bool reset = st.setupFrame && frame > st.setupFrame;
    const auto w = std::lower_bound(st.writes.begin(), st.writes.end(), frame,
                                    [](const std::pair<uint64_t, int>& e, uint64_t f) { return e.first < f; });
    const bool written = w != st.writes.begin();
    walk.secondPass(reset ? 0 : st.counter, written, written ? std::prev(w)->second : 0);
    return walk.run(fromServer);
}

X11Summary x11Summary(bool fromServer, const uint8_t* p, size_t captured, size_t reported, bool reassembling)
{
    X11Conversations::State st = freshState();
    return X11Walk(st, &st, 1, p, captured, reported, reassembling).run(fromServer);
}

} // namespace synflow
