#pragma once
// How tshark 4.0's image dissectors take a body HTTP hands them (by media type, or by HTTP's
// heuristics when no type's dissector took it): JFIF, PNG and GIF each claim a body by its first
// bytes and append their name to Info, then read it on. A reading that runs past the bytes (a
// body cut by its segment without reassembly, or a broken file) ends in an exception.
#include <cstddef>
#include <string>
#include <string_view>

namespace synflow {

enum class ImageKind { None, Jfif, Png, Gif };

struct ImageTake {
    ImageKind kind = ImageKind::None; // None: the dissector declined the body
    std::string name;                 // its Info text: "JPEG JFIF image", "PNG", "GIF89a"
    bool readsPast = false;           // its reading ran past the body's bytes
};

// `body`: the bytes the dissector is given; `walk` false: they are not all known (a reassembled
// body whose middle was not kept), and the file is taken to be well formed.
ImageTake takeImage(ImageKind dissector, std::string_view body, bool walk = true);
// HTTP's heuristic image dissectors, each in turn.
ImageTake takeImageByContent(std::string_view body, bool walk = true);

} // namespace synflow
