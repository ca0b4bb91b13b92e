#pragma once
// A real TCP conversation on the loopback interface, for live-capture tests.
#include <cstdint>

namespace synflow::test {

// Whether this process may capture on lo (root, or the capture capabilities).
bool mayCaptureOnLoopback();

// A listener on a free loopback port; returns the listening socket and sets `port`.
int listenOnFreePort(uint16_t& port);

// Client sends a request, server answers, the client closes first, then the server:
// a handshake, data both ways and a four-way teardown.
void converse(int listener, uint16_t port);

} // namespace synflow::test
