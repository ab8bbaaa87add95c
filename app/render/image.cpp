#include "render/image.hpp"

#include "core/atomic_file.hpp"
#include "core/parallel.hpp"
#include "core/phase_times.hpp"

#include <libdeflate.h>
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <functional>
#include <vector>

namespace corridor::render {

namespace {

// [SECTION] encoding

// libpng writes through this, so a failed write(2) keeps its errno (No space left on device…) rather than
// libpng's "Write Error".
struct PngSink {
    static constexpr std::size_t kCapacity = std::size_t(1) << 20;
    int fd = -1;
    std::vector<unsigned char> buffer;
    int writeErrno = 0;
    std::string libpngMessage;

    bool writeAll(const unsigned char* data, std::size_t size)
    {
        while (size > 0) {
            const ssize_t n = ::write(fd, data, size);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                writeErrno = errno;
                return false;
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }
    bool flush()
    {
        const bool ok = writeAll(buffer.data(), buffer.size());
        buffer.clear();
        return ok;
    }
    // Never grows the buffer past its reserved capacity: nothing here may throw through libpng's C frames.
    bool append(const unsigned char* data, std::size_t size)
    {
        if (buffer.size() + size > kCapacity && !flush()) {
            return false;
        }
        if (size > kCapacity) {
            return writeAll(data, size);
        }
        buffer.insert(buffer.end(), data, data + size);
        return true;
    }
};

[[noreturn]] void pngError(png_structp png, png_const_charp message)
{
    auto* sink = static_cast<PngSink*>(png_get_error_ptr(png));
    if (sink != nullptr && sink->libpngMessage.empty()) {
        sink->libpngMessage = message;
    }
    std::longjmp(png_jmpbuf(png), 1);
}

void pngWarning(png_structp, png_const_charp) {}

void pngWrite(png_structp png, png_bytep data, png_size_t length)
{
    auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
    if (!sink->append(data, length)) {
        png_error(png, "write failed");
    }
}

void pngFlush(png_structp) {} // PngSink flushes once, at the end

// Rows of RGBA as deflate data for a PNG's IDAT stream (each row: filter byte "up", then the row less the row
// above; `above` is the row before the first, nullptr at the image's top), as RGBA or, `rgb`, without the alpha
// (an opaque image: a quarter less to filter and deflate), made in bands of rows deflated on all
// cores at once, as pigz does: each band a raw deflate stream ended with a sync flush (byte-aligned, not final)
// but the very last of the image (`final`), so the bands, and the row ranges of a streamed image, concatenate into
// one valid stream. A band starts without the previous band's window, which costs a few bytes per band.
struct Deflated {
    std::string data;
    uLong adler = adler32(0L, Z_NULL, 0); // of the filtered rows
    std::size_t bytes = 0;               // filtered rows' length
};
std::optional<Deflated> deflateRows(const std::uint8_t* rgba, int width, int rowCount, const std::uint8_t* above,
                                    bool final, int level, bool rgb)
{
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    const std::size_t outRow = static_cast<std::size_t>(width) * (rgb ? 3 : 4);
    const std::size_t rows = static_cast<std::size_t>(rowCount);
    constexpr std::size_t kBandBytes = std::size_t{1} << 20; // below this a band is not worth a thread
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t bands = std::clamp<std::size_t>(row * rows / kBandBytes, 1, cores * 2);
    struct Band {
        std::string out;
        uLong adler = adler32(0L, Z_NULL, 0);
        std::size_t bytes = 0; // uncompressed
        bool ok = false;
    };
    std::vector<Band> done(bands);
    core::forEachParallel(bands, [&](std::size_t b) {
        Band& band = done[b];
        const std::size_t first = rows * b / bands, last = rows * (b + 1) / bands;
        z_stream z{};
        if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            return;
        }
        std::vector<unsigned char> filtered(outRow + 2); // the filter byte, the row, a byte of room (rgb)
        std::vector<unsigned char> buffer(std::size_t{1} << 16);
        bool ok = true;
        for (std::size_t y = first; y < last && ok; ++y) {
            const unsigned char* cur = rgba + row * y;
            const unsigned char* up = y > 0 ? cur - row : above;
            filtered[0] = 2; // up
            if (rgb) {
                // A pixel at a time as one 32-bit word: its four bytes less the four above, each modulo 256 (the top
                // bits kept out of the subtraction so no borrow crosses a byte), and stored whole: its alpha byte is
                // overwritten by the next pixel's red (`filtered` has a byte of room after the row for the last).
                constexpr std::uint32_t kHigh = 0x80808080u;
                unsigned char* out = filtered.data() + 1;
                for (std::size_t p = 0; p < row; p += 4, out += 3) { // the row above the image's first is zeros
                    std::uint32_t pixel = 0, pixelUp = 0;
                    std::memcpy(&pixel, cur + p, 4);
                    if (up != nullptr) {
                        std::memcpy(&pixelUp, up + p, 4);
                    }
                    const std::uint32_t d = ((pixel | kHigh) - (pixelUp & ~kHigh)) ^ ((pixel ^ ~pixelUp) & kHigh);
                    std::memcpy(out, &d, 4);
                }
            } else if (up == nullptr) {
                std::memcpy(filtered.data() + 1, cur, row); // the row above the image's first is zeros
            } else {
                for (std::size_t i = 0; i < row; ++i) {
                    filtered[i + 1] = static_cast<unsigned char>(cur[i] - up[i]);
                }
            }
            band.adler = libdeflate_adler32(static_cast<std::uint32_t>(band.adler), filtered.data(), outRow + 1);
            band.bytes += outRow + 1;
            z.next_in = filtered.data();
            z.avail_in = static_cast<uInt>(outRow + 1);
            const int flush = y + 1 < last ? Z_NO_FLUSH : (b + 1 < bands || !final ? Z_SYNC_FLUSH : Z_FINISH);
            do {
                z.next_out = buffer.data();
                z.avail_out = static_cast<uInt>(buffer.size());
                const int r = deflate(&z, flush);
                if (r == Z_STREAM_ERROR) {
                    ok = false;
                    break;
                }
                band.out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
            } while (z.avail_out == 0 || (flush != Z_NO_FLUSH && z.avail_in > 0));
        }
        deflateEnd(&z);
        band.ok = ok;
    });
    Deflated out;
    for (const Band& band : done) {
        if (!band.ok) {
            return std::nullopt;
        }
        out.data += band.out;
        out.adler = adler32_combine(out.adler, band.adler, static_cast<z_off_t>(band.bytes));
        out.bytes += band.bytes;
    }
    return out;
}

constexpr char kZlibHeader[] = {'\x78', '\x5e'}; // deflate, 32 KiB window, no dictionary

std::string adlerTrailer(uLong adler)
{
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((adler >> shift) & 0xff);
    }
    return out;
}

// The image's whole IDAT stream; std::nullopt when zlib fails (out of memory).
std::optional<std::string> deflateImage(const Image& image, int level, bool rgb)
{
    const auto rows = deflateRows(image.rgba.data(), image.width, image.height, nullptr, true, level, rgb);
    if (!rows) {
        return std::nullopt;
    }
    return std::string(kZlibHeader, 2) + rows->data + adlerTrailer(rows->adler);
}

// [SECTION] text chunks

// A text chunk ready for libpng: its strings live in the PngTexts that made it.
struct PngTexts {
    std::vector<std::string> keywords, values; // values in Latin-1 for tEXt, UTF-8 for iTXt
    std::vector<bool> international;
    std::vector<png_text> chunks;              // pointing into the strings above: made last, not copied after
};

// The code points of UTF-8 `text`, or std::nullopt when it is not valid UTF-8 (overlong forms, surrogates and
// code points past U+10FFFF included).
std::optional<std::vector<char32_t>> decodeUtf8(const std::string& text)
{
    std::vector<char32_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        int extra = 0;
        char32_t cp = 0;
        if (b0 < 0x80) {
            cp = b0;
        } else if (b0 >= 0xC2 && b0 <= 0xDF) {
            extra = 1, cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            extra = 2, cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            extra = 3, cp = b0 & 0x07;
        } else {
            return std::nullopt;
        }
        if (i + static_cast<std::size_t>(extra) >= text.size() && extra > 0) {
            return std::nullopt; // cut short
        }
        for (int k = 1; k <= extra; ++k) {
            const auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((b & 0xC0) != 0x80) {
                return std::nullopt;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        const char32_t least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return std::nullopt;
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

// PNG keywords: 1–79 printable Latin-1 characters, no leading, trailing or consecutive spaces (PNG spec 11.3.4.2).
bool validKeyword(const std::string& keyword)
{
    if (keyword.empty() || keyword.size() > 79 || keyword.front() == ' ' || keyword.back() == ' ' ||
        keyword.find("  ") != std::string::npos) {
        return false;
    }
    return std::all_of(keyword.begin(), keyword.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u >= 32 && u <= 126) || u >= 161;
    });
}

// tEXt holds Latin-1 text whose only control character is the line feed; anything else (Persian, a tab) goes in
// iTXt as UTF-8. Throws naming the file and the keyword when a keyword or a value cannot be stored.
PngTexts pngTexts(const std::string& path, std::span<const core::TextEntry> text)
{
    PngTexts out;
    for (const core::TextEntry& entry : text) {
        if (!validKeyword(entry.key)) {
            throw std::runtime_error(path + ": '" + entry.key +
                                     "' cannot be a PNG text keyword (1 to 79 printable Latin-1 characters, no "
                                     "leading, trailing or double spaces)");
        }
        const std::optional<std::vector<char32_t>> cps = decodeUtf8(entry.value);
        if (!cps) {
            throw std::runtime_error(path + ": the " + entry.key + " text is not valid UTF-8");
        }
        if (std::find(cps->begin(), cps->end(), U'\0') != cps->end()) {
            throw std::runtime_error(path + ": the " + entry.key + " text holds a NUL character, which PNG text "
                                            "cannot store");
        }
        const bool latin1 = std::all_of(cps->begin(), cps->end(), [](char32_t c) {
            return c == U'\n' || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF);
        });
        std::string value;
        if (latin1) {
            value.reserve(cps->size());
            for (const char32_t c : *cps) {
                value += static_cast<char>(static_cast<unsigned char>(c));
            }
        } else {
            value = entry.value;
        }
        out.keywords.push_back(entry.key);
        out.values.push_back(std::move(value));
        out.international.push_back(!latin1);
    }
    static char empty[] = "";
    out.chunks.resize(out.keywords.size());
    for (std::size_t i = 0; i < out.chunks.size(); ++i) {
        png_text& chunk = out.chunks[i];
        chunk.key = out.keywords[i].data();
        chunk.text = out.values[i].data();
        if (out.international[i]) {
            chunk.compression = PNG_ITXT_COMPRESSION_NONE;
            chunk.text_length = 0;
            chunk.itxt_length = out.values[i].size();
            chunk.lang = empty;     // the language is not known: the value may mix scripts
            chunk.lang_key = empty;
        } else {
            chunk.compression = PNG_TEXT_COMPRESSION_NONE;
            chunk.text_length = out.values[i].size();
        }
    }
    return out;
}

// [SECTION] writing

// Kept apart from the file handling so nothing that setjmp/longjmp could clobber lives across the jump.
// libpng writes the signature, the header, the text chunks and the end; the image data, deflated on all cores
// (deflateRows), comes piece by piece from `next` (false: no more) and goes to libpng as IDAT chunks. The text goes
// before the image data, where readers that stop at the first IDAT (GDAL's PNG driver) find it too.
bool encodePng(PngSink& sink, int width, int height, bool rgb, const std::function<bool(std::string&)>& next,
               std::string& piece, const PngTexts& text)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, pngError, pngWarning);
    if (png == nullptr) {
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    if (setjmp(png_jmpbuf(png)) != 0) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, &sink, pngWrite, pngFlush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 rgb ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (!text.chunks.empty()) {
        png_set_text(png, info, text.chunks.data(), static_cast<int>(text.chunks.size()));
    }
    png_write_info(png, info);
    constexpr std::size_t kChunk = std::size_t{1} << 23; // IDAT chunks of 8 MiB (a chunk may hold up to 2 GiB)
    bool more = true;
    while (more) {
        more = next(piece);
        for (std::size_t at = 0; at < piece.size(); at += kChunk) {
            png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"),
                            reinterpret_cast<png_const_bytep>(piece.data() + at), std::min(kChunk, piece.size() - at));
        }
    }
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    return true;
}

// The PNG into `fd` with its IDAT stream from `next`; "" or why it failed (`failure`: the source's own reason).
std::string encodeInto(int fd, int width, int height, bool rgb, const std::function<bool(std::string&)>& next,
                       const PngTexts& text, const std::string& failure)
{
    PngSink sink;
    sink.fd = fd;
    sink.buffer.reserve(PngSink::kCapacity);
    std::string piece;
    const bool encoded = encodePng(sink, width, height, rgb, next, piece, text);
    if (!failure.empty()) {
        return failure;
    }
    if (!encoded || !sink.flush()) {
        return sink.writeErrno != 0            ? std::strerror(sink.writeErrno)
               : !sink.libpngMessage.empty() ? sink.libpngMessage
                                             : "libpng could not start";
    }
    return {};
}

// The whole PNG into `fd`; "" or why it failed.
std::string encodeInto(int fd, const Image& image, int level, const PngTexts& text)
{
    // Map images are large flat areas: the "up" filter compresses them well and costs little. An opaque one (every
    // export over an opaque background) needs no alpha.
    bool rgb = true;
    for (std::size_t i = 3; i < image.rgba.size() && rgb; i += 4) {
        rgb = image.rgba[i] == 255;
    }
    const std::optional<std::string> idat = deflateImage(image, level, rgb);
    if (!idat) {
        return "zlib could not compress the image (out of memory?)";
    }
    bool given = false;
    return encodeInto(fd, image.width, image.height, rgb, [&](std::string& piece) {
        piece = given ? std::string() : *idat;
        given = true;
        return false;
    }, text, {});
}

} // namespace

TempFile writePng(const std::string& path, const Image& image, int compressionLevel, TempFile temp,
                  std::span<const core::TextEntry> text)
{
    const core::PhaseScope timing(core::Phase::Encode); // encoding, writing and the fsync
    if (image.empty() || image.rgba.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
        throw std::runtime_error(path + ": no image to write");
    }
    const PngTexts texts = pngTexts(path, text);
    core::AtomicWriteOptions options;
    options.what = "PNG";
    options.temp = temp;
    options.testPause = true;
    return core::writeFileAtomically(
        path, [&](int fd) { return encodeInto(fd, image, compressionLevel, texts); }, options);
}

TempFile writePngRows(const std::string& path, int width, int height, const RowBands& next, bool opaque,
                      int compressionLevel, std::span<const core::TextEntry> text)
{
    if (width <= 0 || height <= 0) {
        throw std::runtime_error(path + ": no image to write");
    }
    const PngTexts texts = pngTexts(path, text);
    core::AtomicWriteOptions options;
    options.what = "PNG";
    options.testPause = true;
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    return core::writeFileAtomically(
        path,
        [&](int fd) {
            std::vector<std::uint8_t> band, above; // the rows given and the last row before them
            int done = 0;
            bool header = false, trailer = false;
            uLong adler = adler32(0L, Z_NULL, 0);
            std::string failure;
            const auto source = [&](std::string& piece) -> bool {
                piece.clear();
                if (!header) {
                    header = true;
                    piece.assign(kZlibHeader, 2);
                    return true;
                }
                if (done == height) {
                    if (!trailer) {
                        trailer = true;
                        piece = adlerTrailer(adler);
                    }
                    return false;
                }
                int rows = 0;
                try {
                    rows = next(band);
                } catch (const std::exception& e) {
                    failure = e.what();
                }
                if (failure.empty() && (rows <= 0 || rows > height - done || band.size() != row * static_cast<std::size_t>(rows))) {
                    failure = "the image's rows ran short (" + std::to_string(done) + " of " + std::to_string(height) + ")";
                }
                if (!failure.empty()) {
                    return false; // no trailer: the file is not put in place
                }
                const core::PhaseScope timing(core::Phase::Encode); // the band's deflating (drawn by `next`)
                const auto deflated = deflateRows(band.data(), width, rows, done > 0 ? above.data() : nullptr,
                                                  done + rows == height, compressionLevel, opaque);
                if (!deflated) {
                    failure = "zlib could not compress the image (out of memory?)";
                    return false;
                }
                adler = adler32_combine(adler, deflated->adler, static_cast<z_off_t>(deflated->bytes));
                above.assign(band.end() - static_cast<std::ptrdiff_t>(row), band.end());
                done += rows;
                piece = std::move(deflated->data);
                return true;
            };
            return encodeInto(fd, width, height, opaque, source, texts, failure);
        },
        options);
}

Image readPng(const std::string& path)
{
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&img, path.c_str()) == 0) {
        throw std::runtime_error(path + ": cannot read PNG: " + img.message);
    }
    img.format = PNG_FORMAT_RGBA;
    Image out;
    out.width = static_cast<int>(img.width);
    out.height = static_cast<int>(img.height);
    out.rgba.resize(PNG_IMAGE_SIZE(img));
    if (png_image_finish_read(&img, nullptr, out.rgba.data(), 0, nullptr) == 0) {
        throw std::runtime_error(path + ": cannot read PNG: " + img.message);
    }
    return out;
}

ImageDiff compareImages(const Image& actual, const Image& expected, int channelTolerance)
{
    ImageDiff diff;
    if (actual.width != expected.width || actual.height != expected.height) {
        diff.differingPixels = static_cast<std::size_t>(std::max(actual.width * actual.height, expected.width * expected.height));
        diff.maxChannelDelta = 255;
        return diff;
    }
    diff.visual = expected;
    const std::size_t n = static_cast<std::size_t>(actual.width) * actual.height;
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (std::size_t c = 0; c < 4; ++c) {
            worst = std::max(worst, std::abs(int(actual.rgba[i * 4 + c]) - int(expected.rgba[i * 4 + c])));
        }
        diff.maxChannelDelta = std::max(diff.maxChannelDelta, worst);
        std::uint8_t* v = &diff.visual.rgba[i * 4];
        if (worst > channelTolerance) {
            ++diff.differingPixels;
            v[0] = 255;
            v[1] = 0;
            v[2] = 0;
        } else {
            const auto grey = static_cast<std::uint8_t>((v[0] + v[1] + v[2]) / 6 + 128);
            v[0] = v[1] = v[2] = grey;
        }
        v[3] = 255;
    }
    return diff;
}

} // namespace corridor::render
