#pragma once
// Quiz mode's marking: the class's answers for one step (Seq, Ack, both ends' new states),
// compared with what the arrow really carries, and a running tally of right and wrong.
#include "flow/flowgraph.h"

#include <optional>
#include <string_view>

namespace synflow {

// What the teacher typed for a step; a field left empty is not marked.
struct QuizGuess {
    std::optional<uint32_t> seq, ack;
    std::optional<TcpState> stateFrom, stateTo;
};

// Each answered field right or wrong (empty: not answered).
struct QuizMarks {
    std::optional<bool> seq, ack, stateFrom, stateTo;
    int right() const;
    int wrong() const;
};

// An Ack guessed for a segment without a valid ACK number is marked wrong; the expected state
// is the one the flow graph writes (the final state, after any passed through).
QuizMarks markGuess(const FlowArrow& arrow, const QuizGuess& guess);

struct QuizTally {
    int right = 0, wrong = 0;
    void add(const QuizMarks& m)
    {
        right += m.right();
        wrong += m.wrong();
    }
};

// A state name as a student says it: "SYN-SENT", "syn_sent", "Syn Sent", "time wait".
// nullopt when it names no state of RFC 9293 ("unknown" is not an answer).
std::optional<TcpState> parseTcpState(std::string_view text);

} // namespace synflow
