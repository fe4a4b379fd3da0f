// An exclusive lock on a results folder, so that two processes never write
// one folder at once. flock(2) on RESULTS/.lock: the kernel drops it when
// the holder exits or is killed, so a stale lock cannot block a resume. The
// lock file names its holder (pid, host, start time) for the refusal
// message. Supported on local file systems; on NFS only where the mount
// supports flock (Linux >= 2.6.12 emulates it with POSIX locks).
#pragma once

#include <string>

namespace sim {

class FolderLock {
 public:
  // Throws SpecError naming the holder if another process holds the lock.
  explicit FolderLock(const std::string& directory);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace sim
