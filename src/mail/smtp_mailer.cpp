// SMTP delivery through libcurl: one easy handle per message, so worker
// threads never share one.
#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "core/blocking.hpp"
#include "mail/mailer.hpp"

namespace ws::mail::internal {

namespace {

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTotalTimeoutSeconds = 30;

void EnsureCurl() {
  // A function-local static runs once even with several threads racing here.
  static const CURLcode ready = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (ready != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
}

/// The part of the URL a curl message could echo and must not: the password.
struct UrlParts {
  bool tls = false;
  std::string password;  // as given, percent-decoded
  std::string password_raw;
};

Result<UrlParts> ParseUrl(const std::string& url) {
  EnsureCurl();
  CURLU* handle = curl_url();
  if (handle == nullptr) return AppError::Internal("curl_url failed");
  UrlParts parts;
  const CURLUcode parsed = curl_url_set(handle, CURLUPART_URL, url.c_str(), 0);
  char* scheme = nullptr;
  char* host = nullptr;
  const bool ok = parsed == CURLUE_OK &&
                  curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
                  curl_url_get(handle, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
                  (std::strcmp(scheme, "smtp") == 0 || std::strcmp(scheme, "smtps") == 0);
  if (ok) {
    parts.tls = std::strcmp(scheme, "smtps") == 0;
    char* password = nullptr;
    if (curl_url_get(handle, CURLUPART_PASSWORD, &password, CURLU_URLDECODE) == CURLUE_OK) {
      parts.password = password;
      curl_free(password);
    }
    if (curl_url_get(handle, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK) {
      parts.password_raw = password;
      curl_free(password);
    }
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(handle);
  if (!ok) return AppError::Invalid("smtp_url", "must be smtp://[user:password@]host[:port]");
  return parts;
}

void Scrub(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (size_t at = text.find(secret); at != text.npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), "***");
  }
}

/// The rendered message, handed to curl piece by piece.
struct Upload {
  std::string data;
  size_t sent = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(std::string url, UrlParts parts, std::string from_header, std::string from_address)
      : url_(std::move(url)),
        parts_(std::move(parts)),
        from_header_(std::move(from_header)),
        envelope_from_("<" + from_address + ">") {}

  Status Send(const Message& message) override {
    if (RefuseBlocking()) return WouldBlockError();
    EnsureCurl();
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return AppError::Unavailable("smtp: curl_easy_init failed");
    const std::string recipient = "<" + message.to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, recipient.c_str());
    Upload upload{Render(message, from_header_)};
    char error[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     static_cast<long>(parts_.tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envelope_from_.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload.data.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTotalTimeoutSeconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode code = curl_easy_perform(curl);

    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (code == CURLE_OK) return {};
    std::string detail = std::string("smtp: ") + curl_easy_strerror(code);
    if (error[0] != '\0') detail += std::string(": ") + error;
    Scrub(detail, parts_.password);
    Scrub(detail, parts_.password_raw);
    return AppError::Unavailable(std::move(detail));
  }

 private:
  std::string url_;
  UrlParts parts_;
  std::string from_header_;
  std::string envelope_from_;
};

}  // namespace

/// Declared in mailer.cpp; `smtp_url` may carry user:password@.
Result<std::unique_ptr<Mailer>> NewSmtpMailer(const std::string& smtp_url,
                                              const std::string& from_header,
                                              const std::string& from_address) {
  WS_ASSIGN(UrlParts parts, ParseUrl(smtp_url));
  return std::unique_ptr<Mailer>(
      std::make_unique<SmtpMailer>(smtp_url, std::move(parts), from_header, from_address));
}

}  // namespace ws::mail::internal
