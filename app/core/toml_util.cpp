#include "core/toml_util.hpp"

#include "core/file_kind.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace corridor::core::tomlutil {

namespace {

// toml++ recurses once per level of the tree it builds (dotted key parts, tables, inline tables, arrays), and only
// limits arrays and inline tables (to 256): a 70 KB line of 35,000 dotted key parts overflowed the stack. Real
// files nest about six deep ([[layer.NAME.rule]], when = { field = [...] }).
constexpr std::uint32_t kMaxNesting = 64;

// toml++ 3.3 reaches __builtin_unreachable() (undefined behaviour, in release builds too) when it asks whether
// certain non-ASCII characters are whitespace, which it does outside strings and also inside them after a
// malformed value or a backslash in a """multi-line""" string (marzer/tomlplusplus issues #190 and #295). So
// toml++ is only ever given ASCII: non-ASCII characters in strings become \u escapes (literal strings are
// rewritten as the equivalent basic strings, since they have no escapes), in comments '?', and outside strings,
// where TOML allows none, they are reported here. Malformed UTF-8 is reported here too.
//
// Valid TOML comes out meaning exactly the same; invalid TOML stays invalid. That only needs strings and comments
// told apart from the rest, which in TOML is decided by quotes and '#' alone.
class AsciiText {
public:
    AsciiText(std::string_view text, std::string_view what) : m_in(text), m_what(what) {}

    void run()
    {
        if (m_in.substr(0, 3) == "\xEF\xBB\xBF") {
            m_pos = 3; // a byte order mark: not a character of the first line
        }
        while (m_pos < m_in.size()) {
            switch (m_state) {
            case State::Normal: normal(); break;
            case State::Comment: comment(); break;
            case State::Basic: basic(); break;
            case State::Literal: literal(); break;
            case State::MultiBasic: multiBasic(); break;
            case State::MultiLiteral: multiLiteral(); break;
            }
        }
    }

    std::string& text() { return m_out; }
    const ColumnMap& columns() const { return m_columns; }

private:
    enum class State : std::uint8_t { Normal, Comment, Basic, Literal, MultiBasic, MultiLiteral };

    struct Char {
        char32_t code = 0;
        std::uint32_t column = 0; // in the file
    };

    [[noreturn]] void fail(std::uint32_t column, std::string reason) const
    {
        throw TextError(m_line, column, std::move(reason));
    }

    // The code point at m_pos and its length in bytes; fails on anything that is not well-formed UTF-8.
    char32_t peek(std::size_t* length = nullptr) const
    {
        const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(m_in[m_pos + i]); };
        const unsigned char b0 = byte(0);
        std::size_t n = 1;
        char32_t c = b0;
        if (b0 >= 0x80) {
            n = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 && b0 < 0xF0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
            bool ok = n != 0 && m_pos + n <= m_in.size();
            if (ok) {
                c = b0 & (0xFFu >> (n + 1));
                for (std::size_t i = 1; i < n; ++i) {
                    ok = ok && (byte(i) & 0xC0) == 0x80;
                    c = (c << 6) | (byte(i) & 0x3Fu);
                }
                const char32_t least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
                ok = ok && c >= least && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
            }
            if (!ok) {
                fail(m_column, "invalid UTF-8: a " + std::string(m_what) + " must be UTF-8 text");
            }
        }
        if (length != nullptr) {
            *length = n;
        }
        return c;
    }

    Char take()
    {
        std::size_t n = 0;
        const Char c{peek(&n), m_column};
        m_pos += n;
        if (c.code == '\n') {
            ++m_line;
            m_column = 1;
        } else {
            ++m_column;
        }
        return c;
    }

    bool startsWith(char quote, std::size_t count) const
    {
        return m_in.substr(m_pos, count) == std::string(count, quote);
    }

    void put(char32_t ascii)
    {
        m_out.push_back(static_cast<char>(ascii));
        m_outColumn = ascii == '\n' ? 1 : m_outColumn + 1;
    }

    // Writes `text` in place of the file's character `c`.
    void put(const Char& c, std::string_view text)
    {
        if (text.size() != 1) {
            m_columns.substitute(m_line, m_outColumn, static_cast<std::uint32_t>(text.size()), c.column);
        }
        m_out += text;
        m_outColumn += static_cast<std::uint32_t>(text.size());
    }

    void putEscaped(const Char& c)
    {
        std::array<char, 16> buf{};
        if (c.code <= 0xFFFF) {
            std::snprintf(buf.data(), buf.size(), "\\u%04X", static_cast<unsigned>(c.code));
        } else {
            std::snprintf(buf.data(), buf.size(), "\\U%08X", static_cast<unsigned>(c.code));
        }
        put(c, buf.data());
    }

    void normal()
    {
        if (m_afterString && (m_in[m_pos] == '"' || m_in[m_pos] == '\'')) {
            // Never valid TOML, and with ' written as " the two strings could read as one """ string.
            fail(m_column, "a quote right after a string: separate values with ',' and keys with '.'");
        }
        m_afterString = false;
        if (startsWith('"', 3) || startsWith('\'', 3)) {
            m_state = m_in[m_pos] == '"' ? State::MultiBasic : State::MultiLiteral;
            for (int i = 0; i < 3; ++i) {
                take();
                put(U'"');
            }
            return;
        }
        const Char c = take();
        if (c.code >= 0x80) {
            std::array<char, 16> code{};
            std::snprintf(code.data(), code.size(), "U+%04X", static_cast<unsigned>(c.code));
            fail(c.column, "character " + std::string(code.data()) + " outside a quoted string: keys and values "
                           "with non-ASCII letters must be quoted, like \"Bandar Abbās\"");
        }
        nesting(c);
        put(c.code == '\'' ? U'"' : c.code);
        m_state = c.code == '#'    ? State::Comment
                  : c.code == '"'  ? State::Basic
                  : c.code == '\'' ? State::Literal
                                   : State::Normal;
    }

    // Bounds how deep the TOML tree can nest, counted from the text outside strings and comments before toml++
    // builds it. The count is never below the tree's depth and at most one more per level (a float's '.', the
    // array holding an inline table): a key's parts on top of its table header's, one more per '[' or '{' that
    // opens a value. A `[header]` starts again from the top and sets the depth of the keys under it.
    void nesting(const Char& c)
    {
        const auto deeper = [&](std::uint32_t depth) {
            if (depth > kMaxNesting) {
                fail(c.column, "nested deeper than " + std::to_string(kMaxNesting) + " levels (dotted key parts, "
                               "[table.headers], inline tables and arrays together); a " + std::string(m_what) +
                                   " needs fewer than ten");
            }
            return depth;
        };
        const auto base = [&] { return m_open.empty() ? m_tableDepth : m_open.back(); };
        switch (c.code) {
        case '.':
            deeper(base() + ++m_dots + 1);
            return;
        case '=':
            m_valueOnLine = m_valueOnLine || m_open.empty();
            return;
        case '[':
        case '{':
            if (m_open.empty() && c.code == '[' && !m_valueOnLine) {
                m_inHeader = true; // a table header: absolute, from the top
                m_headerDepth = 0;
                m_open.push_back(0);
            } else {
                m_open.push_back(deeper(base() + m_dots + 1));
            }
            m_dots = 0;
            return;
        case ']':
        case '}':
            if (m_inHeader) {
                m_headerDepth = std::max(m_headerDepth, base() + m_dots + 1);
            }
            if (!m_open.empty()) {
                m_open.pop_back();
            }
            if (m_open.empty() && m_inHeader) {
                m_inHeader = false;
                m_tableDepth = m_headerDepth;
            }
            m_dots = 0;
            return;
        case ',':
            m_dots = 0;
            return;
        case '\n':
            m_dots = 0;
            m_valueOnLine = m_valueOnLine && !m_open.empty();
            return;
        default:
            return;
        }
    }

    void comment()
    {
        const Char c = take();
        put(c.code >= 0x80 ? U'?' : c.code);
        if (c.code == '\n') {
            nesting(c);
            m_state = State::Normal;
        }
    }

    // A backslash was just copied: copies the character it escapes, which must be ASCII, because "\é" written
    // as "\\u00E9" would turn an invalid escape into a valid one.
    void escaped()
    {
        if (m_pos >= m_in.size()) {
            return;
        }
        if (peek() >= 0x80) {
            fail(m_column, "invalid escape: a backslash in a string is followed by one of b t n f r \" \\ u U");
        }
        put(take().code);
    }

    void basic()
    {
        const Char c = take();
        if (c.code >= 0x80) {
            putEscaped(c);
            return;
        }
        put(c.code);
        if (c.code == '\\' && m_pos < m_in.size() && m_in[m_pos] != '\n') {
            escaped();
        } else if (c.code == '"' || c.code == '\n') {
            nesting(c); // an unterminated string ends at the line's end
            m_state = State::Normal;
            m_afterString = c.code == '"';
        }
    }

    void literal()
    {
        const Char c = take();
        if (c.code == '\'' || c.code == '\n') {
            put(c.code == '\'' ? U'"' : c.code);
            nesting(c);
            m_state = State::Normal;
            m_afterString = c.code == '\'';
        } else {
            literalChar(c);
        }
    }

    // A character of a literal string, written so that it means the same in a basic string.
    void literalChar(const Char& c)
    {
        if (c.code >= 0x80) {
            putEscaped(c);
        } else if (c.code == '\\' || c.code == '"') {
            put(c, c.code == '\\' ? "\\\\" : "\\\"");
        } else {
            put(c.code);
        }
    }

    void multiBasic()
    {
        if (closeMulti('"')) {
            return;
        }
        const Char c = take();
        if (c.code >= 0x80) {
            putEscaped(c);
            return;
        }
        put(c.code);
        if (c.code == '\\') {
            escaped(); // a line-ending backslash's whitespace is copied like any other character
        }
    }

    void multiLiteral()
    {
        if (!closeMulti('\'')) {
            literalChar(take());
        }
    }

    // At three or more closing quotes: up to two of them before the last three belong to the string (TOML
    // allows '''a'''''), the last three close it. Quotes past five are left to the normal state, which refuses
    // a quote right after a string, as toml++ would.
    bool closeMulti(char quote)
    {
        if (!startsWith(quote, 3)) {
            return false;
        }
        std::size_t run = 0;
        while (m_pos + run < m_in.size() && m_in[m_pos + run] == quote && run < 5) {
            ++run;
        }
        for (std::size_t i = 0; i < run; ++i) {
            take();
            put(i < run - 3 ? static_cast<char32_t>(quote) : U'"'); // an apostrophe needs no escape in "..."
        }
        m_state = State::Normal;
        m_afterString = true;
        return true;
    }

    std::string_view m_in;
    std::string_view m_what; // "style file", for messages
    std::size_t m_pos = 0;
    std::uint32_t m_line = 1;
    std::uint32_t m_column = 1;     // of m_pos, in the file
    std::uint32_t m_outColumn = 1;  // of the end of m_out
    std::string m_out;
    ColumnMap m_columns;
    State m_state = State::Normal;
    bool m_afterString = false;     // the last character was a string's closing quote
    // nesting(): the depth at each '[' or '{' still open, the '.'s since the last separator, the depth a
    // [table] header sets for the keys under it, and whether this line's key has had its '='.
    std::vector<std::uint32_t> m_open;
    std::uint32_t m_dots = 0;
    std::uint32_t m_tableDepth = 0;
    std::uint32_t m_headerDepth = 0;
    bool m_inHeader = false;
    bool m_valueOnLine = false;
};

} // namespace

SafeText safeText(std::string_view text, std::string_view what)
{
    AsciiText ascii(text, what);
    ascii.run();
    return SafeText{std::move(ascii.text()), ascii.columns()};
}

toml::table parse(const SafeText& safe, std::string_view sourceName)
{
    try {
        return toml::parse(safe.text, sourceName);
    } catch (const toml::parse_error& e) {
        const toml::source_position& at = e.source().begin;
        throw TextError(at.line, safe.columns.original(at.line, at.column),
                        "TOML syntax error: " + std::string(e.description()));
    }
}

std::string readSmallFile(const std::string& path, std::size_t maxBytes, std::string_view what,
                          const std::string& tooLarge)
{
    namespace fs = std::filesystem;
    const std::string cannotRead = "cannot read the " + std::string(what) + ": ";
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        throw TextError(0, 0, cannotRead + ec.message());
    }
    if (!fs::exists(status)) {
        throw TextError(0, 0, cannotRead + "it does not exist");
    }
    if (fs::is_directory(status)) {
        throw TextError(0, 0, cannotRead + "it is a directory");
    }
    // A FIFO would block the open until some writer came, a device like /dev/zero would never end.
    if (const auto why = notRegularFileReason(path)) {
        throw TextError(0, 0, cannotRead + *why);
    }
    // O_NONBLOCK: should a FIFO be put there after the check, the open returns at once and fstat refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        throw TextError(0, 0, "cannot open the " + std::string(what) + ": " + std::generic_category().message(errno));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (const auto why = notRegularFileReason(fd, path)) {
        throw TextError(0, 0, cannotRead + *why);
    }
    // Read with a cap instead of trusting the size: /proc files report 0, and the file may grow meanwhile.
    std::string text;
    std::array<char, 65536> buf{};
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw TextError(0, 0, cannotRead + std::generic_category().message(errno));
        }
        if (n == 0) {
            break;
        }
        text.append(buf.data(), static_cast<std::size_t>(n));
        if (text.size() > maxBytes) {
            throw TextError(0, 0, tooLarge);
        }
    }
    return text;
}

std::vector<Entry> entriesOf(const toml::table& table)
{
    std::vector<Entry> out;
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        out.push_back(Entry{&it->first, &it->second});
    }
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
        const toml::source_position& pa = a.key->source().begin;
        const toml::source_position& pb = b.key->source().begin;
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    return out;
}


std::string_view typeName(const toml::node& n)
{
    switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

std::string normalized(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        out.push_back(lower == '_' || lower == ' ' ? '-' : lower);
    }
    return out;
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> d((n + 1) * (m + 1));
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
    for (std::size_t i = 0; i <= n; ++i) {
        at(i, 0) = i;
    }
    for (std::size_t j = 0; j <= m; ++j) {
        at(0, j) = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
        }
    }
    return at(n, m);
}

std::string tomlKey(std::string_view key)
{
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (bare) {
        return std::string(key);
    }
    std::string out = "\"";
    for (const char c : key) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string child(const std::string& parent, std::string_view key)
{
    return parent.empty() ? tomlKey(key) : parent + "." + tomlKey(key);
}

std::string formatNumber(double v)
{
    std::array<char, 64> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return ec == std::errc{} ? std::string(buf.data(), end) : std::string("?");
}

} // namespace corridor::core::tomlutil
