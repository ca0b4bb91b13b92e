#include "output/fieldswriter.h"

#include "fields/fieldregistry.h"

#include <cstdio>
#include <cstdlib>

namespace synflow {

FieldsWriter::FieldsWriter()
    : columns_{"frame.number",
               "frame.time_epoch",
               "frame.len",
               "frame.cap_len",
               "ip.src",
               "ip.dst",
               "ipv6.src",
               "ipv6.dst",
               "tcp.srcport",
               "tcp.dstport",
               "tcp.stream",
               "tcp.flags",
               "tcp.seq",
               "tcp.seq_raw",
               "tcp.ack",
               "tcp.ack_raw",
               "tcp.len",
               "tcp.nxtseq",
               "tcp.hdr_len",
               "tcp.window_size_value",
               "tcp.window_size",
               "tcp.window_size_scalefactor",
               "tcp.options.mss_val",
               "tcp.options.wscale.shift",
               "tcp.time_relative",
               "tcp.time_delta",
               "tcp.analysis.flags",
               "tcp.analysis.retransmission",
               "tcp.analysis.fast_retransmission",
               "tcp.analysis.spurious_retransmission",
               "tcp.analysis.out_of_order",
               "tcp.analysis.lost_segment",
               "tcp.analysis.ack_lost_segment",
               "tcp.analysis.duplicate_ack_num",
               "tcp.analysis.duplicate_ack_frame",
               "tcp.analysis.zero_window",
               "tcp.analysis.zero_window_probe",
               "tcp.analysis.zero_window_probe_ack",
               "tcp.analysis.window_full",
               "tcp.analysis.window_update",
               "tcp.analysis.keep_alive",
               "tcp.analysis.keep_alive_ack",
               "tcp.analysis.reused_ports",
               "tcp.analysis.acks_frame",
               "tcp.analysis.ack_rtt",
               "tcp.analysis.initial_rtt",
               "tcp.analysis.bytes_in_flight",
               "tcp.analysis.push_bytes_sent",
               "tcp.completeness",
               "_ws.col.Protocol",
               "_ws.col.Info",
               "synflow.tcp.role",
               "synflow.tcp.state_src",
               "synflow.tcp.state_dst"}
{
    for (const std::string& c : columns_) {
        const Field* f = findColumnField(c);
        // A column must be a registry field the writer can fill (no times relative to other frames).
        if (!f || (f->needs & (NeedRelativeTime | NeedPreviousFrame))) {
            std::fprintf(stderr, "synflow: fields column %s is not a printable registry field\n", c.c_str());
            std::abort();
        }
        fields_.push_back(f);
    }
}

void FieldsWriter::appendHeader(std::string& out) const
{
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (i)
            out += '\t';
        out += columns_[i];
    }
    out += '\n';
}

void FieldsWriter::appendRow(std::string& out, const FrameView& f) const
{
    FieldSource src;
    src.number = f.number;
    src.record = f.record;
    src.decoded = f.decoded;
    src.time = f.time;
    src.tcp = f.tcp && f.tcp->valid ? f.tcp : nullptr;
    src.protocol = f.protocol;
    src.info = f.info;
    thread_local FieldValues values;
    for (size_t i = 0; i < fields_.size(); ++i) {
        if (i)
            out += '\t';
        values.clear();
        fields_[i]->read(src, values);
        appendFieldValues(out, *fields_[i], values);
    }
    out += '\n';
}

} // namespace synflow
