// frame.*: the record itself.
#include "fields/fieldtable.h"
#include "decode/linktypes.h"

namespace synflow::fieldtable {

void addFrameFields(Table& t)
{
    const auto always = [](const FieldSource&) { return true; };
    t.presence("frame", FieldType::Protocol, "Frame", always);
    t.number("frame.number", FieldType::Uint, "Frame Number", always, [](const FieldSource& s) { return int64_t(s.number); });
    t.add("frame.time_epoch", FieldType::AbsTime, "Epoch Time", [](const FieldSource& s, FieldValues& v) {
        if (!(s.record->flags & RecordNoTimestamp) && s.record->kind != RecordKind::CustomBlock) {
            FieldValue x = integer(s.time.sec);
            x.nsec = s.time.nsec;
            v.push_back(x);
        }
    }, NeedEpochTime);
    t.number("frame.time_relative", FieldType::RelTime, "Time since reference or first frame", always,
             [](const FieldSource& s) { return s.timeRelativeNs; }, NeedRelativeTime);
    // Every frame is displayed in a tree, so the displayed delta is the captured one.
    t.number("frame.time_delta", FieldType::RelTime, "Time delta from previous captured frame", always,
             [](const FieldSource& s) { return s.timeDeltaNs; }, NeedPreviousFrame);
    t.number("frame.time_delta_displayed", FieldType::RelTime, "Time delta from previous displayed frame", always,
             [](const FieldSource& s) { return s.timeDeltaNs; }, NeedPreviousFrame);
    t.number("frame.len", FieldType::Uint, "Frame Length", always, [](const FieldSource& s) { return int64_t(s.record->origLen); });
    t.number("frame.cap_len", FieldType::Uint, "Capture Length", always, [](const FieldSource& s) { return int64_t(s.record->capLen); });
    t.number("frame.encap_type", FieldType::Uint, "Encapsulation type", always, [](const FieldSource& s) { return int64_t(linktype::wiretapEncapsulation(dp(s).linkType)); });
    // SynFlow marks and ignores no frames.
    t.number("frame.marked", FieldType::Bool, "Frame is marked", always, [](const FieldSource&) { return int64_t(0); });
    t.number("frame.ignored", FieldType::Bool, "Frame is ignored", always, [](const FieldSource&) { return int64_t(0); });
    // One occurrence per comment, read as tshark reads it: up to a NUL.
    t.add("frame.comment", FieldType::String, "Comment", [](const FieldSource& s, FieldValues& v) {
        if (s.comments)
            for (const std::string& c : *s.comments)
                v.push_back(text(std::string_view(c).substr(0, c.find('\0'))));
    }, NeedComments);
    t.add("frame.data", FieldType::Bytes, "Frame data", [](const FieldSource& s, FieldValues& v) {
        const DecodedPacket& d = dp(s); // a reassembled datagram's frame is only the frame's own bytes
        v.push_back(bytes(d.frame.data(), d.reassembled ? d.realFrameLen : d.frame.size()));
    });
}

} // namespace synflow::fieldtable
