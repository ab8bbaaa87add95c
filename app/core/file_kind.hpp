#pragma once
// What a path names on the local file system, so readers and writers can refuse what is not a regular file
// before opening it: opening a FIFO waits for a writer, /dev/zero never ends, and writing over a device or a
// FIFO replaces it.

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace corridor::core {

// "a FIFO", "a character device", "a block device", "a socket", "a directory", "a regular file", "a symbolic
// link" or "a special file", for messages.
std::string_view fileKindName(mode_t mode);

// Why `path` cannot be read as a file: "it is a FIFO, not a regular file", or, through a symbolic link, "it leads
// to /dev/zero, a character device, not a regular file". Follows symbolic links. nullopt when the path is a
// regular file, a directory when `allowDirectory`, or when it cannot be examined at all (missing, no permission):
// opening it then reports that, in the caller's words.
std::optional<std::string> notRegularFileReason(const std::string& path, bool allowDirectory = false);

// The same for a file already open: `fd` is not a regular file (it changed after the check above).
std::optional<std::string> notRegularFileReason(int fd, const std::string& path);

} // namespace corridor::core
