#!/usr/bin/env bash
# Makes filter-oracle.tsv: for chosen shared captures and our own that no shared one stands for,
# and every filter in filters.txt, the frames tshark 4.0 shows, with the same preferences as
# ../../shared/captures/oracle.
# usage: tests/core/filter/make-oracle.sh [SHARED_CAPTURES_DIR] > tests/core/filter/filter-oracle.tsv
set -euo pipefail
here=$(dirname "$0")
shared=${1:-$here/../../../shared/captures}
O=(-o tcp.desegment_tcp_streams:FALSE -o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
   -o tcp.calculate_timestamps:TRUE -o tcp.check_checksum:FALSE)
echo -e "capture\tfilter\tframes"
# Captures with the TCP situations filters are for (loss, zero windows, keep-alives, port
# reuse, IPv6, VLAN, SLL, SSH, HTTP); tshark starts slowly, so not all 51.
captures=(local-halfclose.pcapng local-ipv6.pcapng local-keepalive.pcapng local-lossy.pcapng local-reuse.pcapng
          local-zerowindow.pcapng ppa-tcp_dupack.pcapng ppa-tcp_retransmissions.pcapng ppa-tcp_zerowindowrecovery.pcapng
          ppp-example2.pcap ppp-sll.pcap td-ssh.pcap zk-206_example_b.pcap zk-reassembly.pcap zk-vlan-collisions.pcap)
# Our own: zero window probes (no shared capture has any), a fast retransmission, a segment
# missing from the capture, DNS over TCP.
own=(lo-zwp.pcapng lo-zwpbyte.pcapng lo-fastretx.pcapng lo-gap.pcapng lo-dnstcp.pcapng)
paths=()
for name in "${captures[@]}"; do paths+=("$shared/$name"); done
for name in "${own[@]}"; do paths+=("$here/../data/$name"); done
for cap in "${paths[@]}"; do
    while IFS= read -r filter; do
        frames=$(tshark -2 -r "$cap" "${O[@]}" -Y "$filter" -T fields -e frame.number 2>/dev/null | paste -sd, -)
        printf '%s\t%s\t%s\n' "$(basename "$cap")" "$filter" "$frames"
    done < "$here/filters.txt"
done
