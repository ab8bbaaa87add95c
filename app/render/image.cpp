#include "render/image.hpp"

#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace corridor::render {

namespace {

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};

[[noreturn]] void pngError(png_structp png, png_const_charp message)
{
    auto* text = static_cast<std::string*>(png_get_error_ptr(png));
    if (text != nullptr) {
        *text = message;
    }
    std::longjmp(png_jmpbuf(png), 1);
}

void pngWarning(png_structp, png_const_charp) {}

// Kept apart from the file handling so nothing that setjmp/longjmp could clobber lives across the jump.
bool encodePng(FILE* file, const Image& image, int level, std::string& error)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, pngError, pngWarning);
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
    png_init_io(png, file);
    png_set_compression_level(png, level);
    // Map images are large flat areas: the "up" filter compresses them well and costs little.
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
                 PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    const std::size_t row = static_cast<std::size_t>(image.width) * 4;
    for (int y = 0; y < image.height; ++y) {
        png_write_row(png, image.rgba.data() + row * static_cast<std::size_t>(y));
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

} // namespace

void writePng(const std::string& path, const Image& image, int compressionLevel)
{
    if (image.empty() || image.rgba.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
        throw std::runtime_error(path + ": no image to write");
    }
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = dir.string();
    tmpl += "/.";
    tmpl += target.filename().string();
    tmpl += ".XXXXXX";
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) {
        throw std::runtime_error(path + ": cannot write there: " + std::strerror(errno));
    }
    std::unique_ptr<FILE, FileCloser> file(fdopen(fd, "wb"));
    if (!file) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw std::runtime_error(path + ": cannot write there: " + std::strerror(errno));
    }

    std::string error;
    const bool ok = encodePng(file.get(), image, compressionLevel, error);
    const bool flushed = std::fflush(file.get()) == 0 && ::fsync(fileno(file.get())) == 0;
    file.reset();
    if (!ok || !flushed) {
        ::unlink(tmpl.c_str());
        throw std::runtime_error(path + ": writing the PNG failed: " + (error.empty() ? std::strerror(errno) : error));
    }
    std::error_code ec;
    fs::permissions(tmpl, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                    ec);
    fs::rename(tmpl, target, ec);
    if (ec) {
        ::unlink(tmpl.c_str());
        throw std::runtime_error(path + ": cannot write there: " + ec.message());
    }
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
