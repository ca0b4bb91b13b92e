#pragma once
// Edit → Find Packet, the searches that need no view: by display filter, by a hex value or a
// string in the packet's bytes, or by a string in its detail tree; and the walk from the
// selected packet to the next one that matches, wrapping at the ends as Wireshark does.
#include "filter/displayfilter.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synflow {

class AnalysedCapture;
class AddressAnonymiser;

struct FindHit {
    bool found = false;
    uint32_t offset = 0, length = 0; // the matching bytes (byte searches)
    int32_t node = -1;               // the matching detail-tree line (detail searches)
};

class PacketFinder {
public:
    enum class Kind { DisplayFilter, HexValue, String };
    enum class Where { Bytes, Details }; // a display filter ignores it
    // False, with the reason, when `text` is not a filter / not hex digits / empty.
    bool compile(Kind kind, std::string_view text, Where where, bool caseSensitive, std::string& error);
    // Anonymised hosts (before compile): a filter is read in the names shown and a detail
    // line matched as shown, so a real address finds nothing. The bytes are searched as
    // they are: they are the packet, shown unchanged in the bytes pane.
    void readAsShown(std::shared_ptr<AddressAnonymiser> anonymiser) { shown_ = std::move(anonymiser); }
    FindHit match(const AnalysedCapture& capture, size_t frame) const;

private:
    Kind kind_ = Kind::String;
    Where where_ = Where::Bytes;
    bool caseSensitive_ = false;
    std::string needle_; // bytes to find (folded to lower case when not case sensitive)
    size_t find(std::string_view hay) const;
    DisplayFilter filter_;
    std::shared_ptr<AddressAnonymiser> shown_;
};

// The frame after `from` (before it, `backwards`) among those shown (null: all) that `hit`
// accepts, wrapping past the end once; -1 if none. `wrapped` says whether it went past an end.
int64_t findFrame(size_t frames, size_t from, bool backwards, const std::vector<uint8_t>* shown,
                  const std::function<bool(size_t)>& hit, bool* wrapped);
// The same with `hit` called from several threads at once (it must be safe to): the frames are
// taken a block at a time in search order, each block shared among the machine's cores.
// `keepGoing(framesLookedAt)`, if given, is asked between blocks; false stops the search (-2).
int64_t findFrameInParallel(size_t frames, size_t from, bool backwards, const std::vector<uint8_t>* shown,
                            const std::function<bool(size_t)>& hit, bool* wrapped,
                            const std::function<bool(size_t)>& keepGoing = {});

} // namespace synflow
