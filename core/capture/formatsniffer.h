#pragma once
// Recognises capture formats by their magic, and names what a non-capture looks like.
#include "capture/captureinfo.h"

#include <cstdint>
#include <span>
#include <string>

namespace synflow {

FileFormat sniffFormat(std::span<const uint8_t> head);

// A short description of a file that is not a capture ("a PNG image", "text").
std::string describeNonCapture(std::span<const uint8_t> head);

} // namespace synflow
