// The Idempotency-Key wrapper: claim the key, run the handler, keep its
// answer (2xx-4xx; 5xx and 429 free the key so a retry runs again), replay
// it to repeats with `Idempotent-Replayed: true`.
#include "modules/idempotency/idempotency.hpp"

#include <atomic>
#include <boost/json.hpp>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace ws::idempotency {

namespace {

using http::Request;
using http::Response;

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

std::string_view HeaderOf(const std::vector<http::Field>& headers, std::string_view name) {
  for (const http::Field& field : headers) {
    if (IEquals(field.name, name)) return field.value;
  }
  return {};
}

/// Well-formed UTF-8 without NUL: what a TEXT column takes on both databases.
bool ValidUtf8(std::string_view s) {
  auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = byte(i);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      if (c == 0xe0) lo = 0xa0;  // overlong
      if (c == 0xed) hi = 0x9f;  // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      if (c == 0xf0) lo = 0x90;  // overlong
      if (c == 0xf4) hi = 0x8f;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return false;
    for (size_t k = 2; k <= extra; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

ErrorCode CodeNamed(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::kInternal); ++i) {
    if (ErrorCodeName(static_cast<ErrorCode>(i)) == name) return static_cast<ErrorCode>(i);
  }
  return ErrorCode::kBadRequest;
}

/// What to keep of an answer; nullopt: keep nothing and free the key.
std::optional<Stored> ToStored(const Result<Response>& result) {
  Stored stored;
  if (!result.ok()) {
    const AppError& error = result.error();
    stored.status = ErrorStatus(error.code);
    if (stored.status >= 500 || error.code == ErrorCode::kRateLimited) return std::nullopt;
    stored.kind = Stored::Kind::kError;
    boost::json::object fields;
    for (const auto& [k, v] : error.fields) fields[k] = v;
    stored.body = boost::json::serialize(boost::json::object{
        {"code", ErrorCodeName(error.code)}, {"message", error.message}, {"fields", fields}});
    return stored;
  }
  const Response& response = result.value();
  stored.status = response.status;
  if (response.status >= 500) return std::nullopt;
  const std::string_view body =
      response.static_body.data() != nullptr ? response.static_body : response.body;
  const bool secret =
      HeaderOf(response.headers, "Cache-Control").find("no-store") != std::string_view::npos ||
      !HeaderOf(response.headers, "Set-Cookie").empty();
  if (secret || !ValidUtf8(body)) {
    stored.kind = Stored::Kind::kWithheld;
    return stored;
  }
  stored.content_type = response.content_type;
  stored.etag = std::string(HeaderOf(response.headers, "ETag"));
  stored.location = std::string(HeaderOf(response.headers, "Location"));
  stored.body = std::string(body);
  return stored;
}

/// The first answer again.
Result<Response> Replay(const Stored& stored, Request& request) {
  if (stored.kind == Stored::Kind::kWithheld) {
    return AppError::Conflict(
        "the first request with this Idempotency-Key succeeded, but its response held "
        "credentials and is not kept; nothing was done again");
  }
  if (stored.kind == Stored::Kind::kError) {
    request.response_headers.push_back({std::string(kReplayedHeader), "true"});
    AppError error{ErrorCode::kBadRequest, "", "replayed", {}, 0};
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(stored.body, ec);
    if (!ec && body.is_object()) {
      const auto& o = body.as_object();
      if (const auto* code = o.if_contains("code"); code && code->is_string()) {
        error.code = CodeNamed(code->as_string());
      }
      if (const auto* message = o.if_contains("message"); message && message->is_string()) {
        error.message = std::string(message->as_string());
      }
      if (const auto* fields = o.if_contains("fields"); fields && fields->is_object()) {
        for (const auto& [k, v] : fields->as_object()) {
          if (v.is_string()) error.fields.emplace(std::string(k), std::string(v.as_string()));
        }
      }
    }
    return error;
  }
  Response response;
  response.status = stored.status;
  response.content_type = stored.content_type;
  response.body = stored.body;
  if (!stored.etag.empty()) response.With("ETag", stored.etag);
  if (!stored.location.empty()) response.With("Location", stored.location);
  response.With(std::string(kReplayedHeader), "true");
  return response;
}

/// The answer to a request whose key another request holds or held.
Result<Response> Answer(const Claim& claim, Request& request) {
  switch (claim.outcome) {
    case Claim::Outcome::kMismatch:
      return AppError::Invalid(std::string(kKeyHeader), "was already used for a different request");
    case Claim::Outcome::kRunning: {
      AppError error = AppError::Conflict("a request with this Idempotency-Key is still running");
      error.retry_after_seconds = 1;
      return error;
    }
    case Claim::Outcome::kDone:
      return Replay(*claim.stored, request);
    case Claim::Outcome::kNew:
      break;
  }
  return AppError::Internal("idempotency: unexpected claim outcome");
}

/// Keeps the answer of a claimed key (or frees it); failures are logged:
/// the work is done and its answer goes out either way.
void Keep(Store& store, const std::string& user_id, const std::string& key,
          const Result<Response>& result) {
  const std::optional<Stored> stored = ToStored(result);
  const Status status = stored ? store.Finish(user_id, key, *stored) : store.Abandon(user_id, key);
  if (!status) {
    log::Error("idempotency key not recorded",
               {{"user_id", user_id}, {"detail", status.error().detail}});
  }
}

bool Applies(const http::Route& route) {
  return route.method == http::Method::kPost && route.options.access == http::Access::kUser &&
         route.options.exec != http::Exec::kInline;
}

/// Claims the key of `request`; nullopt when the request has none (or no
/// user), else the claim or the error to answer.
std::optional<Result<Claim>> ClaimFor(Store& store, const Request& request) {
  const std::optional<std::string_view> key = KeyOf(request);
  if (!key || !request.identity.authenticated()) return std::nullopt;
  if (!ValidKey(*key)) {
    return Result<Claim>(
        AppError::BadRequest("Idempotency-Key must be 1 to 255 printable ASCII characters"));
  }
  return store.Begin(request.identity.user_id, *key, Fingerprint(request));
}

/// The async handler's Responder state: keeps the answer, then forwards
/// it. Async handlers may answer from any thread, so the database write
/// goes to the worker pool.
struct KeepingState final : http::Responder::State {
  KeepingState(std::shared_ptr<Store> s, Executor& e, std::string u, std::string k,
               http::Responder r)
      : store(std::move(s)),
        executor(e),
        user_id(std::move(u)),
        key(std::move(k)),
        inner(std::move(r)) {}
  ~KeepingState() override {
    if (done.exchange(true)) return;
    executor.Post(
        [store = store, user_id = user_id, key = key] { (void)store->Abandon(user_id, key); });
  }
  void Complete(Result<Response> result) override {
    if (done.exchange(true)) return;
    auto shared = std::make_shared<Result<Response>>(std::move(result));
    executor.Post([store = store, user_id = user_id, key = key, inner = inner, shared] {
      Keep(*store, user_id, key, *shared);
      inner(std::move(*shared));
    });
  }
  std::shared_ptr<Store> store;
  Executor& executor;
  std::string user_id;
  std::string key;
  http::Responder inner;
  std::atomic<bool> done{false};
};

}  // namespace

std::optional<std::string_view> KeyOf(const http::Request& request) {
  for (const http::Field& field : request.headers) {
    if (IEquals(field.name, kKeyHeader)) return std::string_view(field.value);
  }
  return std::nullopt;
}

bool ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (char c : key) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::string Fingerprint(const http::Request& request) {
  std::string out(http::MethodName(request.method));
  out += ' ';
  out += request.target;
  out += ' ';
  out += Sha256Hex(request.body);
  return out;
}

http::HandlerWrapper MakeWrapper(std::shared_ptr<Store> store, Executor& executor) {
  http::HandlerWrapper wrapper;
  wrapper.handler = [store](const http::Route& route, http::Handler next) -> http::Handler {
    if (!Applies(route)) return next;
    return [store, next = std::move(next)](Request& request) -> Result<Response> {
      std::optional<Result<Claim>> claim = ClaimFor(*store, request);
      if (!claim) return next(request);
      if (!*claim) return std::move(*claim).error();
      if ((*claim)->outcome != Claim::Outcome::kNew) return Answer(**claim, request);
      Result<Response> result = AppError::Internal("handler threw");
      try {
        result = next(request);
      } catch (...) {
        (void)store->Abandon(request.identity.user_id, *KeyOf(request));
        throw;
      }
      Keep(*store, request.identity.user_id, std::string(*KeyOf(request)), result);
      return result;
    };
  };
  wrapper.async_handler = [store, &executor](const http::Route& route,
                                             http::AsyncHandler next) -> http::AsyncHandler {
    if (!Applies(route)) return next;
    return [store, &executor, next = std::move(next)](Request& request, http::Responder responder) {
      std::optional<Result<Claim>> claim = ClaimFor(*store, request);
      if (!claim) return next(request, std::move(responder));
      if (!*claim) return responder(std::move(*claim).error());
      if ((*claim)->outcome != Claim::Outcome::kNew) return responder(Answer(**claim, request));
      auto state = std::make_shared<KeepingState>(store, executor, request.identity.user_id,
                                                  std::string(*KeyOf(request)), responder);
      next(request, http::Responder(std::move(state)));
    };
  };
  return wrapper;
}

void Install(http::Router& router, db::Database& db, Executor& executor, Options options) {
  router.Wrap(MakeWrapper(std::make_shared<Store>(db, std::move(options)), executor));
}

}  // namespace ws::idempotency
