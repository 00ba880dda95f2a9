// The default transport: each message becomes an .eml file in
// data_dir/outbox, plus one log line, so a single-node install without SMTP
// still shows invitation and reset links to its operator.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/blocking.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "mail/mailer.hpp"

namespace ws::mail::internal {

namespace {

/// `20261121T195633689Z-0a1b2c3d4e5f.eml`: sorts by time, never collides.
std::string FileName() {
  std::string name;
  for (const char c : FormatTimestamp(NowMillis())) {
    if (c != '-' && c != ':' && c != '.') name += c;
  }
  std::string random(6, '\0');
  RandomBytes(random.data(), random.size());
  name += '-' + HexEncode(random);
  return name + ".eml";
}

std::string SystemError(const std::string& what, const std::string& path, int error) {
  return "outbox: " + what + " " + path + ": " + std::strerror(error);
}

/// Writes `data` to `path` through a temporary file and a rename, so readers
/// of the folder never see half a message. Mode 0600: mail carries tokens.
Status WriteAtomically(const std::filesystem::path& path, const std::string& data) {
  const std::string final_path = path.string();
  const std::string temp_path =
      (path.parent_path() / ("." + path.filename().string() + ".tmp")).string();
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return AppError::Internal(SystemError("cannot create", temp_path, errno));
  int write_error = 0;
  for (size_t written = 0; written < data.size() && write_error == 0;) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n > 0) {
      written += size_t(n);
    } else if (n == 0 || errno != EINTR) {
      write_error = n == 0 ? EIO : errno;
    }
  }
  if (write_error == 0 && ::fsync(fd) != 0) write_error = errno;
  ::close(fd);
  if (write_error != 0) {
    ::unlink(temp_path.c_str());
    return AppError::Internal(SystemError("cannot write", temp_path, write_error));
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp_path.c_str());
    return AppError::Internal(SystemError("cannot rename to", final_path, error));
  }
  return {};
}

class OutboxMailer final : public Mailer {
 public:
  OutboxMailer(std::filesystem::path folder, std::string from_header)
      : folder_(std::move(folder)), from_header_(std::move(from_header)) {}

  Status Send(const Message& message) override {
    if (RefuseBlocking()) return WouldBlockError();
    std::error_code error;
    if (std::filesystem::create_directories(folder_, error)) {
      std::filesystem::permissions(folder_, std::filesystem::perms::owner_all, error);
    }
    if (error) {
      return AppError::Internal("outbox: cannot create " + folder_.string() + ": " +
                                error.message());
    }
    const std::filesystem::path path = folder_ / FileName();
    WS_TRY(WriteAtomically(path, Render(message, from_header_)));
    log::Info("mail written to outbox",
              {{"to", message.to}, {"subject", message.subject}, {"path", path.string()}});
    return {};
  }

 private:
  std::filesystem::path folder_;
  std::string from_header_;
};

}  // namespace

/// Declared in mailer.cpp.
std::unique_ptr<Mailer> NewOutboxMailer(const std::string& data_dir,
                                        const std::string& from_header) {
  return std::make_unique<OutboxMailer>(std::filesystem::path(data_dir) / "outbox", from_header);
}

}  // namespace ws::mail::internal
