#include "sim/experiment/store/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/spec/json_reader.h"
#include "sim/experiment/store/provenance.h"

namespace sim {
namespace {

// Every holder line has this length (padded with blanks), so writing one
// over an older one replaces it whole without truncating the file.
constexpr size_t kHolderLength = 200;

std::string ReadHolder(int fd) {
  char text[kHolderLength + 1] = {};
  const ssize_t n = ::pread(fd, text, kHolderLength, 0);
  std::string holder = n > 0 ? std::string(text, static_cast<size_t>(n)) : "";
  holder = holder.substr(0, holder.find('\n'));
  while (!holder.empty() && holder.back() == ' ') holder.pop_back();
  return holder.empty() ? "holder unknown" : holder;
}

// Opens the lock file: never through a symlink, never a FIFO, device or a
// second name of another file (a hard link), so locking a folder cannot
// touch any other file.
int OpenLockFile(const std::string& path) {
  const int fd =
      ::open(path.c_str(),
             O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  if (fd < 0 && errno == ELOOP) {
    throw SpecError(path +
                    ": is a symlink, not a lock file; refusing to use it "
                    "(remove it, pmoe-sim makes a new one)");
  }
  if (fd < 0) {
    throw SpecError(path +
                    ": cannot open the lock file: " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
    ::close(fd);
    throw SpecError(path +
                    ": not a lock file (a FIFO, device, folder or a hard "
                    "link to another file); refusing to use it (remove it, "
                    "pmoe-sim makes a new one)");
  }
  return fd;
}

std::string HolderLine() {
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) std::strcpy(host, "?");
  std::string holder = "pid " + std::to_string(::getpid()) + " on host " +
                       host + " since " + NowIso8601();
  holder.resize(kHolderLength - 1, ' ');
  return holder + "\n";
}

}  // namespace

FolderLock::FolderLock(const std::string& directory) {
  const std::string path = directory + "/.lock";
  fd_ = OpenLockFile(path);
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
  try {
    // Over the previous holder's line, in place: nothing is truncated.
    if (::lseek(fd_, 0, SEEK_SET) != 0)
      throw SpecError(path + ": seek failed: " + std::strerror(errno));
    WriteAll(fd_, HolderLine(), path);
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
