#pragma once
// How much private memory this process holds: RssAnon of /proc/self/status (heap and stacks;
// a mapped capture is file-backed and does not count). What the memory budgets are measured in.
namespace synflow {

// In kB; -1 where the kernel does not say.
long anonymousMemoryKb();

} // namespace synflow
