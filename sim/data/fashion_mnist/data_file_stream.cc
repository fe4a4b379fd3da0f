#include "sim/data/fashion_mnist/data_file_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sim {
namespace {

std::string KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

[[noreturn]] void RefuseKind(const std::string& path, mode_t mode) {
  throw std::runtime_error(path + ": is " + KindOf(mode) +
                           "; a data file must be a regular file");
}

// Opens `path` for reading without blocking on a FIFO, and checks the
// opened descriptor (not the path, which could change in between).
int OpenRegularFile(const std::string& path, uint64_t& bytes) {
  struct stat info {};
  // A quick refusal that never opens a FIFO or a device at all.
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode))
    RefuseKind(path, info.st_mode);
  const int fd =
      ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    throw std::runtime_error(path + ": cannot open (" + std::strerror(errno) +
                             "; install dataset-fashion-mnist or set "
                             "data.fashion_mnist.directory)");
  }
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    const mode_t mode = info.st_mode;
    ::close(fd);
    RefuseKind(path, mode);
  }
  bytes = static_cast<uint64_t>(info.st_size);
  return fd;
}

}  // namespace

DataFileStream::DataFileStream(const std::string& path) : path_(path) {
  const int fd = OpenRegularFile(path, file_bytes_);
  file_ = gzdopen(fd, "rb");
  if (file_ == nullptr) {
    ::close(fd);
    throw std::runtime_error(path + ": cannot read (out of memory in zlib)");
  }
}

DataFileStream::~DataFileStream() { gzclose(file_); }

size_t DataFileStream::Read(uint8_t* out, size_t n) {
  size_t total = 0;
  while (total < n) {
    const unsigned want =
        static_cast<unsigned>(std::min<size_t>(n - total, 1 << 20));
    const int got = gzread(file_, out + total, want);
    if (got < 0) {
      int err = 0;
      const std::string message = gzerror(file_, &err);
      throw std::runtime_error(path_ + ": corrupt gzip data (" + message + ")");
    }
    if (got == 0) break;
    total += static_cast<size_t>(got);
  }
  bytes_read_ += total;
  return total;
}

void DataFileStream::ReadExactly(size_t n,
                                 std::vector<uint8_t>& out,
                                 const std::string& claim) {
  // Grown as bytes arrive, never sized by the header's claim alone: a
  // short file claiming much costs only what it holds.
  constexpr size_t kChunk = size_t(1) << 22;
  size_t have = 0;
  while (have < n) {
    const size_t want = std::min(kChunk, n - have);
    const size_t start = out.size();
    out.resize(start + want);
    const size_t got = Read(out.data() + start, want);
    out.resize(start + got);
    have += got;
    if (got < want) {
      throw std::runtime_error(path_ + ": truncated: " + claim +
                               ", but the data ends after " +
                               std::to_string(bytes_read_) + " bytes");
    }
  }
}

void DataFileStream::ExpectEnd(const std::string& claim) {
  uint8_t extra = 0;
  if (Read(&extra, 1) != 0) {
    throw std::runtime_error(path_ + ": holds more data than its header " +
                             "claims (" + claim + "); refused after " +
                             std::to_string(bytes_read_) +
                             " bytes (a gzip bomb or a corrupt file)");
  }
}

}  // namespace sim
