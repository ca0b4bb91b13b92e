#pragma once
// tshark 4.0's "media_type" dissector table (mediatypes.inc, made by make-mediatypes.py): which
// dissector a body of a media type goes to (an HTTP body, a multipart part), and what the
// dissectors we model write to the Protocol and Info columns for a body they take.
#include <string>
#include <string_view>
#include <vector>

namespace synflow {

// The hierarchy's layer (as io,phs names it) of the dissector the table gives `type` (upper or
// lower case, without parameters): "xml", "json", "data-text-lines", "mime_multipart" (also for
// "multipart/..." types it does not name, as HTTP asks for them), ...; null when the table has
// none (media takes it).
const char* mediaTypeLayer(std::string_view type);

// What a body's dissector writes.
struct MediaWrite {
    // "/XML": appended to the Protocol column (HTTP/XML); without the slash ("OCSP"): replaces it.
    std::string protocol;
    std::string info;       // appended to Info
    bool clearInfo = false; // Info is cleared first (up to a fence: a multipart's, an earlier message's)
    std::string name;       // an image dissector's name for the body ("GIF89a")
    const char* layer = nullptr; // the hierarchy's layer, as io,phs names it
    const char* child = nullptr; // a layer inside it (data-text-lines inside JSON that does not parse)
    bool readsPast = false; // its reading ran past the body's bytes (the exception ends the reading)
};

// The type's dissector reads `body`: false when it declines it or the table has none, and the
// caller's fallbacks take it (HTTP's heuristic image dissectors, then media). `type`: as given;
// `params`: the Content-Type's parameters (a multipart's boundary); `walk` false: the body's
// bytes are not all known (the middle of a long reassembled body was not kept), and what is read
// of it is taken to be well formed. Dissectors we do not model write what media writes
// (" (type)") under their own layer.
bool mediaWrite(std::string_view type, std::string_view params, std::string_view body, bool walk, MediaWrite& out);

// Whether what the type's dissector writes depends on the body's bytes (else its type decides,
// and the body need not be copied or inflated).
bool mediaReadsBody(std::string_view type);

// Every layer the table names, each once.
const std::vector<const char*>& mediaLayers();

} // namespace synflow
