#include "core/file_kind.hpp"

#include <filesystem>
#include <sys/stat.h>

namespace corridor::core {

namespace {

std::string reasonFor(const std::string& path, mode_t mode)
{
    const std::string kind(fileKindName(mode));
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        // Name where the link goes: "zero.geojson: it is a character device" alone would puzzle.
        std::error_code ec;
        const std::filesystem::path target = std::filesystem::canonical(path, ec);
        if (!ec) {
            return "it leads to " + target.string() + ", " + kind + ", not a regular file";
        }
    }
    return "it is " + kind + ", not a regular file";
}

} // namespace

std::string_view fileKindName(mode_t mode)
{
    if (S_ISREG(mode)) return "a regular file";
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "a special file";
}

std::optional<std::string> notRegularFileReason(const std::string& path, bool allowDirectory)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode) || (allowDirectory && S_ISDIR(st.st_mode))) {
        return std::nullopt;
    }
    return reasonFor(path, st.st_mode);
}

std::optional<std::string> notRegularFileReason(int fd, const std::string& path)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISREG(st.st_mode)) {
        return std::nullopt;
    }
    return reasonFor(path, st.st_mode);
}

} // namespace corridor::core
