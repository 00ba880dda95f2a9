#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ws::test {

/// A parsed HTTP response.
struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// Case-insensitive header value ("" when absent).
  std::string Header(std::string_view name) const;
  boost::json::value Json() const;
  /// The error envelope's code, or "" when the body is not an envelope.
  std::string ErrorCode() const;
};

/// A blocking HTTP/1.1 client over one TCP connection to 127.0.0.1, able to
/// send raw bytes (for protocol tests) or well-formed requests.
class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  void SendRaw(std::string_view bytes);
  /// Reads one response (Content-Length or chunked body; none for HEAD).
  HttpResponse Read(bool head_request = false, int timeout_ms = 10000);
  /// True when the server has closed the connection (waits up to timeout_ms).
  bool ClosedByPeer(int timeout_ms = 2000);

  HttpResponse Request(std::string_view method, std::string_view target, std::string_view body = {},
                       const std::map<std::string, std::string>& headers = {});

 private:
  bool Fill(int timeout_ms);
  int fd_ = -1;
  std::string buffer_;
};

/// One request on a fresh connection.
HttpResponse Fetch(uint16_t port, std::string_view method, std::string_view target,
                   std::string_view body = {},
                   const std::map<std::string, std::string>& headers = {});

}  // namespace ws::test
