#include "sim/experiment/io/subprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace sim {
namespace {

// posix_spawn's file actions, released on every path out.
class FileActions {
 public:
  FileActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

std::string ReadAll(int fd) {
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      out.append(buffer, size_t(n));
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

// The child's status once it has exited (waitpid retried on EINTR).
int WaitFor(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

ProcessResult RunProgram(const std::vector<std::string>& argv,
                         const ProcessIo& io) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  FileActions actions;
  // The working folder first: the paths below may be relative to it.
  if (!io.working_dir.empty())
    ::posix_spawn_file_actions_addchdir_np(actions.get(),
                                           io.working_dir.c_str());
  const std::string in = io.stdin_path.empty() ? "/dev/null" : io.stdin_path;
  const std::string err = io.stderr_path.empty() ? "/dev/null" : io.stderr_path;
  ::posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, in.c_str(),
                                     O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(actions.get(), STDERR_FILENO, err.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
                                     0644);
  int pipe_fds[2] = {-1, -1};
  if (io.capture_stdout) {
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
      result.error = std::string("pipe: ") + std::strerror(errno);
      return result;
    }
    ::posix_spawn_file_actions_adddup2(actions.get(), pipe_fds[1],
                                       STDOUT_FILENO);
  } else {
    ::posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO,
                                       "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, args[0], actions.get(), nullptr,
                                     args.data(), environ);
  if (io.capture_stdout) ::close(pipe_fds[1]);
  if (spawned != 0) {
    if (io.capture_stdout) ::close(pipe_fds[0]);
    result.error = argv[0] + ": cannot start: " + std::strerror(spawned);
    return result;
  }
  if (io.capture_stdout) {
    result.output = ReadAll(pipe_fds[0]);
    ::close(pipe_fds[0]);
  }
  const int status = WaitFor(pid);
  // (glibc reports a program not found and a failed file action as
  // posix_spawnp's error above, not as the child's exit status.)
  result.started = true;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
    if (result.exit_code != 0)
      result.error =
          argv[0] + " exited with status " + std::to_string(result.exit_code);
  } else {
    result.error = argv[0] + " was killed by signal " +
                   std::to_string(WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  }
  return result;
}

}  // namespace sim
