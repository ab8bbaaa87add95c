#pragma once
// ASCII case folding for names the program compares (field names, file extensions, table headers, filters).
// Bytes outside ASCII pass unchanged: UTF-8 text is folded by core/search where case matters beyond ASCII.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace corridor::core {

inline std::string asciiLower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
    return out;
}

} // namespace corridor::core
