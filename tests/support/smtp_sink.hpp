#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/test_server.hpp"

namespace ws::test {

/// A loopback TCP port that was free a moment ago (0 when none was found).
uint16_t FreeLoopbackPort();

/// A real SMTP server for tests: Debian's aiosmtpd on a free loopback port,
/// storing what it receives in a maildir. Started and answering on
/// construction (throws after 10 s otherwise); stopped on destruction.
class SmtpSink {
 public:
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  uint16_t port() const { return port_; }
  /// `smtp://127.0.0.1:PORT`, for Config::smtp_url.
  std::string url() const;
  /// The messages received so far, with CRLF line endings.
  std::vector<std::string> Messages() const;
  /// Waits up to `timeout_ms` for at least `count` messages.
  std::vector<std::string> WaitFor(size_t count, int timeout_ms = 5000) const;
  /// What aiosmtpd wrote to stderr (for failure messages).
  std::string Stderr();

 private:
  TempDir dir_;
  uint16_t port_ = 0;
  std::unique_ptr<Child> child_;
};

}  // namespace ws::test
