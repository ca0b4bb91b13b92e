#pragma once
// HTTP/1 messages read as tshark 4.0 reads them. tshark reads a message's header by two sets of
// rules: its reassembly (req_resp_hdrs) finds where a message ends over segments, its dissector
// reads the header lines it was given, the body's media type and where the next message starts.
// Both readers are here, over one line finder.
#include "proto/mediatypes.h"
#include "proto/pdureassembly.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace synflow {

// The TCP ports tshark 4.0's HTTP takes (http.tcp.port); elsewhere its heuristic finds HTTP by a
// request or status line.
bool isHttpPort(uint16_t a, uint16_t b);
// Elsewhere tshark's HTTP heuristic decides: a whole first line that begins with "HTTP/1." or
// whose last eight characters do (RTSP's "OPTIONS rtsp://... RTSP/1.0" is not HTTP's).
bool httpHeuristicLine(std::string_view text);

// A request line (a method tshark's HTTP knows, then a space or the line's end) or a status line
// ("HTTP/", "ICY") begins `p`; an "M-" prefix is skipped (RFC 2774).
bool startsHttpMessage(std::string_view p);
// A request line that is no reply's (notifications included).
bool isHttpRequest(std::string_view message);
// `p` is a method's name and nothing more (what a capture cut right after it keeps): tshark's
// HTTP, reading the captured bytes as the first line, takes the request's method from them.
bool isHttpMethodAlone(std::string_view p);

// A line as tshark's HTTP finds it (tvb_find_line_end): it ends at CR LF, at a lone LF or at a
// lone CR. Returns the offset just past the line's end (`lineLength` gets the line's), or npos
// when none was found. A CR the bytes end on may be a CR LF's first half: it ends no line, unless
// `crAtEndEnds` (HTTP's header loop, which asks for no more bytes).
size_t httpLineEnd(std::string_view text, size_t from, size_t& lineLength, bool crAtEndEnds = false);
// Does a line end inside `p` as the line finder sees it when it may ask for more? A request or
// status line cut before its end is not one.
bool httpLineEnds(std::string_view p);
// The offset just past the empty line that ends a message's header, or npos.
size_t httpHeaderEnd(std::string_view text, bool crAtEndEnds = false);

// The reassembly's reading (with TCP desegmentation on): how long the message that begins `p`
// is, from "Content-Length:" (a whole number), "Transfer-Encoding: chunked", a reply that has
// no body (1xx, 204, 304) or runs to the end of the stream. Once whole, the dissector's reading
// decides: `segmentOwn` (what is left of one segment, no reassembly begun), the message ends
// where the dissector stops; else (bytes gathered a segment at a time, read whole message
// after message) no sooner than that.
PduFraming httpFraming(const uint8_t* p, size_t n, bool segmentOwn);
// Data that starts no HTTP message on a conversation HTTP holds: its first line, when it starts
// with text, read to its end.
PduFraming httpLineFraming(const uint8_t* p, size_t n);

// The dissector's reading of `message` (a segment, or what reassembly gave, that starts with a
// request or status line): its header lines (up to the empty line, or a line without a colon
// where the body starts), then the body: Content-Length bytes when no Transfer-Encoding was
// given, chunks to the last one's trailer, nothing for a request without either or a 1xx, 204
// or 304 reply, else all the rest.
// `runsPast`: the bytes end inside a line without a colon, or inside a chunk, which HTTP reads
// past their end.
// `whole`: the reassembly would ask for no more bytes (its header ended and its body is here).
struct HttpMessageRead {
    size_t length = 0;
    bool runsPast = false;
    bool whole = false;
};
HttpMessageRead httpMessageRead(std::string_view message);

// What tshark's dissectors make of an HTTP message's body (mediatypes.h): the type's dissector
// (XML and JSON append themselves to the Protocol column, "HTTP/XML"; OCSP replaces HTTP; a text
// type or one no dissector takes is appended to Info as " (text/html)"), or an image dissector
// when HTTP's heuristics found one ("PNG", "JPEG JFIF image", "GIF89a"), for a body with no type
// too. `layer`: the hierarchy's name for the body's dissector ("data-text-lines", "image-jfif",
// "media"); kDataInside when HTTP hands it to data inside its own tree (no layer of the
// hierarchy); null when no body is handed on here. `readsPast`: the dissector read past the
// body's bytes (a body cut by its segment without reassembly, a broken file): the exception ends
// the segment's reading.
inline constexpr const char kDataInside[] = "";
using HttpBodyMedia = MediaWrite;
// `message`: as for httpMessageRead, cut to its length. Without reassembly tshark sees only this
// segment, so the body counts only if its first bytes are here, and ends where the segment does.
// `kept` false: the body's middle was not kept (zeros stand in for it) and is not read.
HttpBodyMedia httpBodyMedia(std::string_view message, bool kept = true);
// Text that starts no message (after a stray CR LF), on a conversation HTTP holds, as tshark's
// HTTP reads it: lines with a colon are header lines (their Content-Type and length count), the
// first line without one ends them (read past the bytes when it is not ended, once a header line
// was read: `runsPast`) and starts a body, handed on as a message's is.
HttpMessageRead httpContinuationRead(std::string_view text);
HttpBodyMedia httpContinuationMedia(std::string_view text);
// The layers a body's dissector adds to the hierarchy (HttpBodyMedia::layer) by number, so that a
// row's summary keeps one in a byte: 0 is none.
uint8_t httpBodyLayerNumber(const char* layer);
const char* httpBodyLayerName(uint8_t number);
// The hierarchy's layer for a body of media type `t` as its type alone says (see HttpBodyMedia).
const char* httpTypeLayer(std::string_view t);
// The body as the dissector finds it in `message`: where it starts (past the empty line, or at
// a line without a colon; npos when the header runs to the bytes' end), its Content-Type (up
// to a ';' or white space) and whether one of its transfer codings is chunked.
struct HttpBodyStart {
    size_t start = std::string_view::npos;
    std::string_view type;
    bool chunked = false;
};
HttpBodyStart httpBodyStart(std::string_view message);

} // namespace synflow
