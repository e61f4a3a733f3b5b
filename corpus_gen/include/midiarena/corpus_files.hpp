// The MIDI files of a corpus given as files and directories.
#pragma once

#include <filesystem>
#include <vector>

namespace midiarena {

// True for .mid, .midi, .kar and .rmi, in any letter case.
bool is_midi_file_name(const std::filesystem::path& path);

// Each path that is a directory becomes the MIDI files below it (recursively,
// sorted by path); any other path is kept as given, so a missing or unreadable
// file is reported by whoever opens it. Throws std::filesystem::filesystem_error
// when a directory cannot be walked.
std::vector<std::filesystem::path> midi_files(const std::vector<std::filesystem::path>& paths);

}  // namespace midiarena
