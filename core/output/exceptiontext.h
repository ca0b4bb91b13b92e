#pragma once
// What tshark appends to the Info column when a dissector stops on an exception: a read past the
// bytes the capture kept (BoundsError), or past the bytes the packet says it has (malformed).

namespace synflow {

// A read past the bytes the packet (or its length field) says it has.
inline constexpr const char* kMalformed = "[Malformed Packet]";
inline constexpr const char* kSizeLimited = "[Packet size limited during capture]";
// A read past a segment's end without TCP reassembly (its payload is handed on as a fragment).
inline constexpr const char* kUnreassembled = "[BoundErrorUnreassembled Packet]";

} // namespace synflow
