#include "render/ui_text.hpp"

#include <fribidi.h>

#include <vector>

namespace corridor::render {

std::string visualOrderForUi(const std::string& utf8)
{
    if (utf8.empty() || utf8.size() > (1u << 20)) {
        return utf8;
    }
    std::string out;
    std::size_t start = 0;
    // Paragraph by paragraph: the bidi algorithm reorders within one.
    while (start <= utf8.size()) {
        const std::size_t end = utf8.find('\n', start);
        const std::string line = utf8.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::vector<FriBidiChar> logical(line.size() + 1);
        const FriBidiStrIndex n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, line.data(),
                                                             static_cast<FriBidiStrIndex>(line.size()), logical.data());
        std::vector<FriBidiChar> visual(static_cast<std::size_t>(n) + 1);
        FriBidiParType base = FRIBIDI_PAR_ON;
        if (n > 0 && fribidi_log2vis(logical.data(), n, &base, visual.data(), nullptr, nullptr, nullptr) != 0) {
            std::vector<char> bytes(static_cast<std::size_t>(n) * 4 + 1);
            const FriBidiStrIndex len =
                fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, visual.data(), n, bytes.data());
            out.append(bytes.data(), static_cast<std::size_t>(len));
        } else {
            out += line;
        }
        if (end == std::string::npos) {
            break;
        }
        out += '\n';
        start = end + 1;
    }
    return out;
}

} // namespace corridor::render
