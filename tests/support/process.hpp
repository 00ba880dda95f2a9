#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace ws::test {

/// A child process with its stdout and stderr captured through pipes.
class Child {
 public:
  /// Starts `argv[0]` with `env` entries ("K=V") added to this environment.
  Child(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});
  ~Child();
  /// Reads stdout lines for up to `timeout_ms`, stopping early once it has
  /// `max_lines` (one read may bring more; all are answered).
  std::vector<std::string> ReadLines(int timeout_ms, size_t max_lines = SIZE_MAX);
  /// Waits for exit; answers the exit status (128+signal when killed).
  int Wait();
  void Kill(int signal);
  /// Everything the child wrote to stderr so far (after Wait: all of it).
  std::string Stderr();

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string partial_;
  std::string stderr_;
  int status_ = -1;
};

}  // namespace ws::test
