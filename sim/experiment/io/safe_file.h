// Checked file output: every write, flush, fsync, close and rename is
// checked, and the first failure throws SpecError naming the file and the
// system's reason ("No space left on device"). Nothing is ever reported
// written that is not on disk.
#pragma once

#include <sstream>
#include <string>

namespace sim {

// Writes `text` to `path` atomically: a temp file beside it, fsync, rename.
// A failure removes the temp file and leaves `path` as it was. Symlinks are
// followed on purpose (the file they name is replaced, the link stays);
// a path that is, or links to, something other than a regular file (a
// device, a FIFO, a folder) is refused, and so is a dangling symlink.
void WriteFileAtomic(const std::string& path, const std::string& text);

// Writes all of `text` to an open descriptor, retrying short writes. Throws
// SpecError("`what`: write failed: <reason>") on the first error.
void WriteAll(int fd, const std::string& text, const std::string& what);

// A text file built in memory and written whole by close() (WriteFileAtomic):
// a full disk is an error, never a 0-byte file.
class TextFile : public std::ostringstream {
 public:
  explicit TextFile(std::string path) : path_(std::move(path)) {}
  void close() { WriteFileAtomic(path_, str()); }

 private:
  std::string path_;
};

// A file that only grows: lines are appended whole, each one handed to the
// kernel at once (it survives a kill -9). A failed append cuts the file back
// to its last complete line before throwing, so no partial record is left.
class AppendFile {
 public:
  explicit AppendFile(const std::string& path);
  ~AppendFile();
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;

  void Append(const std::string& line);
  void Sync();   // fsync, checked
  void Close();  // fsync + close, checked; idempotent

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace sim
