#pragma once
// Follow UDP Stream: the datagrams of one UDP conversation (tshark's udp.stream numbering:
// address and port pairs either way round, numbered as first seen, an ICMP error's quoted
// datagram included), each a chunk of its payload, as tshark's follow tap prints them.
#include "follow/tcpfollow.h"

#include <cstdint>
#include <string>

namespace synflow {

class AnalysedCapture;

// The capture's number of UDP streams and, when `stream` is one of them, its datagrams (the
// chunks and nodes of the TcpFollow shape; node 0 sent the first datagram).
TcpFollow followUdpStream(const AnalysedCapture& capture, uint32_t stream, uint32_t& streamCount);

// The UDP stream of frame `frame` (0-based; an ICMP error: the stream of the datagram it
// quotes), or -1 when it carries no UDP header.
int64_t udpStreamOf(const AnalysedCapture& capture, size_t frame);

// A display filter for the stream's two ends, in the shape of the packet menu's UDP conversation
// filter ("udp.stream" is not a field SynFlow's filters know); empty for an invalid stream.
std::string udpStreamFilter(const TcpFollow& f);

// tshark's header for -z follow,udp,FORMAT,N (the chunks and footer are TCP's).
void appendUdpFollowHeader(std::string& out, const TcpFollow& f, FollowFormat format);

} // namespace synflow
