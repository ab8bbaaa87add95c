#include "core/text_clip.hpp"

#include <algorithm>
#include <cctype>

namespace corridor::core {

namespace {

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The largest cut <= `at` that does not split a UTF-8 character.
std::size_t characterBoundary(std::string_view text, std::size_t at)
{
    while (at > 0 && at < text.size() && isContinuation(text[at])) {
        --at;
    }
    return at;
}

bool isClosing(char c) { return c == '\'' || c == '"' || c == ':' || c == ',' || c == ';' || c == ')' || c == ']'; }

} // namespace

std::string clipEcho(std::string_view text, std::size_t max)
{
    if (text.size() <= max) {
        return std::string(text);
    }
    return std::string(text.substr(0, characterBoundary(text, max))) + "…";
}

std::string clipEchoes(std::string_view line, std::size_t max)
{
    std::string out;
    out.reserve(std::min(line.size(), 8 * max));
    std::size_t i = 0;
    while (i < line.size()) {
        if (std::isspace(static_cast<unsigned char>(line[i])) != 0) {
            out.push_back(line[i++]);
            continue;
        }
        std::size_t end = i;
        while (end < line.size() && std::isspace(static_cast<unsigned char>(line[end])) == 0) {
            ++end;
        }
        const std::string_view run = line.substr(i, end - i);
        if (run.size() <= max) {
            out += run;
        } else {
            std::size_t closing = 0; // keep "':" after a quoted path, so the message still reads as written
            while (closing < 3 && closing < run.size() && isClosing(run[run.size() - 1 - closing])) {
                ++closing;
            }
            out += clipEcho(run.substr(0, run.size() - closing), max);
            out += run.substr(run.size() - closing);
        }
        i = end;
    }
    const std::size_t maxLine = 5 * max;
    if (out.size() > maxLine) {
        const std::size_t head = characterBoundary(out, 3 * max);
        std::size_t tail = out.size() - max;
        while (tail < out.size() && isContinuation(out[tail])) {
            ++tail;
        }
        out = out.substr(0, head) + " … " + out.substr(tail);
    }
    return out;
}

} // namespace corridor::core
