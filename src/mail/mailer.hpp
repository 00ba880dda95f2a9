#pragma once

#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"

namespace ws::mail {

/// One outgoing email: plain text, optional HTML alternative.
struct Message {
  std::string to;       // one address
  std::string subject;  // UTF-8, encoded by the mailer
  std::string text;
  std::string html;  // empty: text only
};

/// Sends email. Blocking: call from worker threads only.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status Send(const Message& message) = 0;
};

/// SMTP through libcurl when `config.smtp_url` is set (smtp:// with
/// STARTTLS when offered, smtps:// for TLS), otherwise an outbox folder
/// `data_dir/outbox` of RFC 5322 `.eml` files (and a log line with the
/// subject and recipient, so a newcomer can follow links from the log).
Result<std::unique_ptr<Mailer>> MakeMailer(const Config& config);

/// The RFC 5322 text of `message` (headers + body), as written to the outbox
/// and sent over SMTP.
std::string Render(const Message& message, const std::string& from);

}  // namespace ws::mail
