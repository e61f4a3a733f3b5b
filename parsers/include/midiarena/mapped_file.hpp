// A read-only memory mapping of a whole file: the input is read once, by the
// kernel, and the parser sees it as one span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace midiarena {

class MappedFile {
 public:
  // Throws std::system_error with the path when the file cannot be read.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }

 private:
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace midiarena
