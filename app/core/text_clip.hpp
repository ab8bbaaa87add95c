#pragma once
// Messages quote what the user gave (a --crs, a path, a style value). Quoted in full, a 100 KB argument makes a
// 100 KB error line that hides the reason; these cut the quote and keep the rest of the message.

#include <cstddef>
#include <string>
#include <string_view>

namespace corridor::core {

inline constexpr std::size_t kMaxEcho = 200; // bytes of one quoted input kept in a message

// `text` when it is at most `max` bytes, else its first `max` bytes (not splitting a UTF-8 character) and "…".
std::string clipEcho(std::string_view text, std::size_t max = kMaxEcho);

// A message line ready to print: every run without white space longer than `max` (an argument, a path) is cut
// by clipEcho, keeping the punctuation that closes it ("'…':"), and a line still longer than 5 × `max` keeps its
// start and its end (where the reason usually is) around a "…".
std::string clipEchoes(std::string_view line, std::size_t max = kMaxEcho);

} // namespace corridor::core
