#include "sim/experiment/io/safe_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void ThrowErrno(const std::string& what, const char* action) {
  throw SpecError(what + ": " + action + " failed: " + std::strerror(errno));
}

// The regular file that a write to `path` should replace: symlinks are
// resolved (so the link survives), anything else than a regular file or a
// missing one is refused, and so is a dangling symlink (where its target
// should be created is a guess: the link may be stale, or name a folder not
// mounted).
std::string ResolveTarget(const std::string& path) {
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    if (!fs::exists(fs::status(target, ec))) {
      const fs::path points_to = fs::read_symlink(target, ec);
      throw SpecError(path + ": a dangling symlink (it links to " +
                      points_to.string() +
                      ", which does not exist); refusing to replace the link: "
                      "create its target, or remove the link");
    }
    target = fs::weakly_canonical(target, ec);
    if (ec) throw SpecError(path + ": cannot resolve symlink: " + ec.message());
  }
  const fs::file_status status = fs::status(target, ec);
  if (status.type() == fs::file_type::not_found) return target.string();
  if (status.type() != fs::file_type::regular) {
    throw SpecError(path + ": not a regular file (a device, FIFO or folder); " +
                    "refusing to replace it" +
                    (target.string() == path
                         ? ""
                         : " (it links to " + target.string() + ")"));
  }
  return target.string();
}

}  // namespace

void WriteAll(int fd, const std::string& text, const std::string& what) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ThrowErrno(what, "write");
    if (n == 0) {
      errno = ENOSPC;
      ThrowErrno(what, "write");
    }
    done += static_cast<size_t>(n);
  }
}

void WriteFileAtomic(const std::string& path, const std::string& text) {
  const std::string target = ResolveTarget(path);
  const std::string temp = target + ".tmp";
  // O_NOFOLLOW: a symlink planted at the temp name is not followed.
  const int fd =
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
  if (fd < 0) ThrowErrno(temp, "open");
  try {
    WriteAll(fd, text, temp);
    if (::fsync(fd) != 0) ThrowErrno(temp, "fsync");
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    ThrowErrno(temp, "close");
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    ThrowErrno(target, "rename");
  }
}

AppendFile::AppendFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd_ < 0) ThrowErrno(path, "open");
}

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

void AppendFile::Append(const std::string& line) {
  const off_t before = ::lseek(fd_, 0, SEEK_END);
  try {
    WriteAll(fd_, line, path_);
  } catch (...) {
    // Drop the partial line, so the file holds whole records only.
    if (before >= 0 && ::ftruncate(fd_, before) != 0) {
      // Reopening drops a partial last line anyway.
    }
    throw;
  }
}

void AppendFile::Sync() {
  if (fd_ >= 0 && ::fsync(fd_) != 0) ThrowErrno(path_, "fsync");
}

void AppendFile::Close() {
  if (fd_ < 0) return;
  const int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    ThrowErrno(path_, "fsync");
  }
  if (::close(fd) != 0) ThrowErrno(path_, "close");
}

}  // namespace sim
