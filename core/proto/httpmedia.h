#pragma once
// What tshark adds to the Protocol column for an HTTP message whose body it hands to a media
// type dissector: XML and JSON append themselves ("HTTP/XML"), OCSP replaces HTTP.
#include <string>
#include <string_view>

namespace synflow {

enum class HttpMedia { None, Xml, Json, OcspRequest, OcspResponse };

// `message`: a segment that starts with a request or status line. Without reassembly tshark
// sees only this segment, so the body counts only if its first bytes are here.
HttpMedia httpBodyMedia(std::string_view message);

// A line as tshark's HTTP finds it (tvb_find_line_end): it ends at CR LF, at a lone LF or at a
// lone CR. Returns the offset just past the line's end (`lineLength` gets the line's), or npos
// when none was found. A CR the bytes end on may be a CR LF's first half: it ends no line, unless
// `crAtEndEnds` (HTTP's header loop, which asks for no more bytes).
size_t httpLineEnd(std::string_view text, size_t from, size_t& lineLength, bool crAtEndEnds = false);
// The offset just past the empty line that ends a message's header, or npos.
size_t httpHeaderEnd(std::string_view text, bool crAtEndEnds = false);

// How much of `message` (which starts with a request or status line) tshark's HTTP reads as that
// message without reassembly: its header lines (up to the empty line, or a line that is no
// header), then a body of Content-Length bytes; none for a request without a length, or a 1xx,
// 204 or 304 reply; a chunked body to its last chunk's trailer; else all the rest. `runsPast`: the bytes end inside a line that is no header,
// which HTTP reads past their end.
// `whole`: its header ended and the body its length announced is all there (with reassembly,
// HTTP would ask for no more).
struct HttpMessageRead {
    size_t length = 0;
    bool runsPast = false;
    bool whole = false;
};
HttpMessageRead httpMessageRead(std::string_view message);

// For any other media type, the name tshark appends to Info as "  (NAME)": the type itself
// ("text/html"), or the image dissector's ("PNG", "JPEG JFIF image", "GIF89a"); empty if none.
std::string httpBodyMediaName(std::string_view message);

} // namespace synflow
