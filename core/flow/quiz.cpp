#include "flow/quiz.h"

#include <cctype>
#include <string>

namespace synflow {

namespace {

int count(const QuizMarks& m, bool value)
{
    int n = 0;
    for (const auto& f : {m.seq, m.ack, m.stateFrom, m.stateTo})
        n += f && *f == value;
    return n;
}

// Letters and digits only, upper case: "Fin_Wait 1" and "FIN-WAIT-1" compare equal.
std::string folded(std::string_view s)
{
    std::string out;
    for (const char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += char(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

int QuizMarks::right() const { return count(*this, true); }
int QuizMarks::wrong() const { return count(*this, false); }

QuizMarks markGuess(const FlowArrow& a, const QuizGuess& g)
{
    QuizMarks m;
    if (g.seq)
        m.seq = *g.seq == a.seq;
    if (g.ack)
        m.ack = a.ackValid && *g.ack == a.ack;
    if (g.stateFrom)
        m.stateFrom = *g.stateFrom == a.stateFrom;
    if (g.stateTo)
        m.stateTo = *g.stateTo == a.stateTo;
    return m;
}

std::optional<TcpState> parseTcpState(std::string_view text)
{
    const std::string want = folded(text);
    if (want.empty())
        return std::nullopt;
    for (int s = int(TcpState::Closed); s <= int(TcpState::LastAck); ++s)
        if (folded(tcpStateName(TcpState(s))) == want)
            return TcpState(s);
    return std::nullopt;
}

} // namespace synflow
