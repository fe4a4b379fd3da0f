#include "sim/experiment/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/experiment/json_reader.h"
#include "sim/experiment/provenance.h"
#include "sim/experiment/safe_file.h"

namespace sim {
namespace {

std::string ReadHolder(int fd) {
  char text[256] = {};
  const ssize_t n = ::pread(fd, text, sizeof(text) - 1, 0);
  std::string holder = n > 0 ? std::string(text, static_cast<size_t>(n)) : "";
  while (!holder.empty() && holder.back() == '\n') holder.pop_back();
  return holder.empty() ? "holder unknown" : holder;
}

}  // namespace

FolderLock::FolderLock(const std::string& directory) {
  const std::string path = directory + "/.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw SpecError(path +
                    ": cannot open the lock file: " + std::strerror(errno));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    const std::string holder = ReadHolder(fd_);
    ::close(fd_);
    fd_ = -1;
    if (saved == EWOULDBLOCK) {
      throw SpecError(directory + " is in use by another pmoe-sim (" + holder +
                      "); wait for it to finish, or choose another --out");
    }
    throw SpecError(path + ": cannot lock: " + std::strerror(saved) +
                    " (a file system without flock?)");
  }
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) std::strcpy(host, "?");
  const std::string holder = "pid " + std::to_string(::getpid()) + " on host " +
                             host + " since " + NowIso8601() + "\n";
  try {
    if (::ftruncate(fd_, 0) != 0)
      throw SpecError(path + ": truncate failed: " + std::strerror(errno));
    WriteAll(fd_, holder, path);
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace sim
