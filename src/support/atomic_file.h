// A file written in full or not at all: bytes go to a temporary file in the
// target's folder, which Commit() renames over the target. If the object is
// destroyed before Commit() (an error, an exception), the temporary file is
// removed and the target is untouched.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>

namespace pd2onnx::support {

class AtomicFile {
 public:
  // Creates the target's parent folders. Throws Error(kIo) naming the target.
  explicit AtomicFile(const std::filesystem::path& target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* file() { return file_; }
  const std::filesystem::path& temp_path() const { return temp_path_; }

  // Flushes, closes and renames into place; throws Error(kIo) on failure.
  void Commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Writes `bytes` to `target` atomically.
void WriteFileAtomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace pd2onnx::support
