#pragma once
// Folders of files a test writes and then examines: a fresh one under the tests' output folder, what it holds, and a
// file's bytes.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace corridor::test {

// CORRIDOR_TEST_OUTPUT/SUITE/NAME, emptied and made, as its canonical path (tests compare paths in messages).
inline std::filesystem::path freshFolder(const std::string& suite, const std::string& name)
{
    const std::filesystem::path dir = std::filesystem::path(CORRIDOR_TEST_OUTPUT) / suite / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return std::filesystem::canonical(dir);
}

// The names in a folder, sorted.
inline std::vector<std::string> folderContents(const std::filesystem::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

inline std::string fileBytes(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace corridor::test
