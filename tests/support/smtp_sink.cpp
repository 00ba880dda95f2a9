#include "support/smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace ws::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

sockaddr_in Loopback(uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

bool Accepts(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

uint16_t FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t size = sizeof address;
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

SmtpSink::SmtpSink() : port_(FreeLoopbackPort()) {
  if (port_ == 0) throw std::runtime_error("no free loopback port for the SMTP server");
  child_ = std::make_unique<Child>(std::vector<std::string>{
      "/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_), "-c",
      "aiosmtpd.handlers.Mailbox", dir_.path() + "/maildir"});
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!Accepts(port_)) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("aiosmtpd did not start: " + child_->Stderr());
    }
    std::this_thread::sleep_for(50ms);
  }
}

SmtpSink::~SmtpSink() {
  child_->Kill(SIGTERM);
  child_->Wait();
}

std::string SmtpSink::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

std::vector<std::string> SmtpSink::Messages() const {
  std::vector<std::string> messages;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir_.path()) / "maildir" / "new", ec)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text, crlf;
    std::getline(in, text, '\0');
    for (const char c : text) {
      if (c == '\n') crlf += '\r';
      if (c != '\r') crlf += c;
    }
    messages.push_back(crlf);
  }
  return messages;
}

std::vector<std::string> SmtpSink::WaitFor(size_t count, int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::vector<std::string> messages = Messages();
  while (messages.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    messages = Messages();
  }
  return messages;
}

std::string SmtpSink::Stderr() { return child_->Stderr(); }

}  // namespace ws::test
