// A data file read as a byte stream, plain or gzip-compressed (zlib reads
// both). Only regular files are read: a FIFO, a device (a symlink to
// /dev/zero), a folder is refused before a byte is read, so a hostile
// `directory` can neither block nor feed endless bytes. Every error names
// the file and the rule.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sim {

class DataFileStream {
 public:
  // Throws std::runtime_error naming `path` if it cannot be opened or is
  // not a regular file (checked on the opened descriptor).
  explicit DataFileStream(const std::string& path);
  ~DataFileStream();
  DataFileStream(const DataFileStream&) = delete;
  DataFileStream& operator=(const DataFileStream&) = delete;

  // Reads up to `n` bytes (fewer only at the end of the data) and returns
  // how many; never more than `n`, so the caller bounds memory. Throws on
  // corrupt gzip data.
  size_t Read(uint8_t* out, size_t n);
  // Appends exactly `n` bytes to `out`, or throws: the file ends early
  // (`claim` says what its header promised).
  void ReadExactly(size_t n,
                   std::vector<uint8_t>& out,
                   const std::string& claim);
  // Throws unless the data ends here: a gzip bomb is refused after one byte
  // beyond what its header claims.
  void ExpectEnd(const std::string& claim);

  // Whether the file is gzip-compressed (valid after the first Read).
  bool compressed() const { return gzdirect(file_) == 0; }
  // Size of the file on disk (for a plain file: the size of the data).
  uint64_t file_bytes() const { return file_bytes_; }
  const std::string& path() const { return path_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::string path_;
  gzFile file_ = nullptr;
  uint64_t file_bytes_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace sim
