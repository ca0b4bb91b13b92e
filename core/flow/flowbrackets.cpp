#include "flow/flowbrackets.h"

#include <map>

namespace synflow {

std::vector<FlowBracket> flowBrackets(const FlowGraph& g)
{
    struct Open {
        long handshake = -1, teardown = -1;
        bool simultaneous = false, combined = false;
        int finAcks = 0; // ACKs of FINs in a simultaneous close
    };
    std::map<uint32_t, Open> open; // by stream
    std::vector<FlowBracket> out;
    const auto& arrows = g.arrows();
    for (size_t i = 0; i < arrows.size(); ++i) {
        const FlowArrow& a = arrows[i];
        Open& o = open[a.stream];
        switch (a.role) {
        case TcpRole::HandshakeSyn:
        case TcpRole::SynToClosedPort:
        case TcpRole::SimultaneousOpen:
            if (o.handshake < 0)
                o.handshake = long(i);
            break;
        case TcpRole::HandshakeAck:
            if (o.handshake >= 0)
                out.push_back({size_t(o.handshake), i, "three-way handshake"});
            o.handshake = -1;
            break;
        case TcpRole::TeardownFin1:
        case TcpRole::TeardownFin1Of3:
            if (o.teardown < 0)
                o.teardown = long(i);
            o.combined = a.role == TcpRole::TeardownFin1Of3;
            break;
        case TcpRole::SimultaneousClose:
            o.simultaneous = true;
            if (o.teardown < 0)
                o.teardown = long(i);
            break;
        case TcpRole::SimultaneousCloseAck:
            if (++o.finAcks < 2)
                break; // the close ends when both FINs are acknowledged
            [[fallthrough]];
        case TcpRole::TeardownAck2:
        case TcpRole::TeardownLastAck:
            if (o.teardown >= 0)
                out.push_back({size_t(o.teardown), i,
                               o.simultaneous ? "simultaneous close" : o.combined || a.role == TcpRole::TeardownLastAck ? "three-segment teardown"
                                                                                                                        : "four-way teardown"});
            o.teardown = -1;
            o.simultaneous = o.combined = false;
            o.finAcks = 0;
            break;
        case TcpRole::Reset:
        case TcpRole::Refused:
            if (o.handshake >= 0 && a.role == TcpRole::Refused) {
                out.push_back({size_t(o.handshake), i, "refused connection"});
                o.handshake = -1;
            } else {
                out.push_back({i, i, "reset"});
            }
            break;
        default:
            break;
        }
    }
    return out;
}

} // namespace synflow
