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

// For any other media type, the name tshark appends to Info as "  (NAME)": the type itself
// ("text/html"), or the image dissector's ("PNG", "JPEG JFIF image", "GIF89a"); empty if none.
std::string httpBodyMediaName(std::string_view message);

} // namespace synflow
