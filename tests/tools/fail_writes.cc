// LD_PRELOAD shim for fault-injection tests: a disk that fills up. After
// PMOE_FAIL_WRITES_AFTER bytes written to regular files by this process,
// write() and writev() to regular files write at most up to that limit and
// then fail with ENOSPC, as a nearly full file system does. Pipes and
// terminals (stdout, stderr) are not counted and never fail.
#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

namespace {

std::atomic<long long> written{0};

long long Limit() {
  static const long long limit = [] {
    const char* text = std::getenv("PMOE_FAIL_WRITES_AFTER");
    return text == nullptr ? -1LL : std::atoll(text);
  }();
  return limit;
}

bool IsRegularFile(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// Bytes of `count` this write may still put on the "disk"; -1 if none.
ssize_t Allowed(int fd, size_t count) {
  if (Limit() < 0 || !IsRegularFile(fd)) return static_cast<ssize_t>(count);
  const long long left = Limit() - written.load();
  if (left <= 0) return -1;
  return static_cast<ssize_t>(static_cast<long long>(count) < left ? count
                                                                   : left);
}

}  // namespace

extern "C" ssize_t write(int fd, const void* data, size_t count) {
  using Write = ssize_t (*)(int, const void*, size_t);
  static const Write real = reinterpret_cast<Write>(dlsym(RTLD_NEXT, "write"));
  const ssize_t allowed = Allowed(fd, count);
  if (allowed < 0 || (count > 0 && allowed == 0)) {
    errno = ENOSPC;
    return -1;
  }
  const ssize_t n = real(fd, data, static_cast<size_t>(allowed));
  if (n > 0 && Limit() >= 0 && IsRegularFile(fd)) written += n;
  return n;
}

extern "C" ssize_t writev(int fd, const struct iovec* iov, int count) {
  // Rare (libstdc++ streams): written one buffer at a time through write().
  ssize_t total = 0;
  for (int i = 0; i < count; ++i) {
    const ssize_t n = write(fd, iov[i].iov_base, iov[i].iov_len);
    if (n < 0) return total > 0 ? total : -1;
    total += n;
    if (static_cast<size_t>(n) < iov[i].iov_len) break;
  }
  return total;
}
