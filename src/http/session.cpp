// One HTTP connection: reading requests with limits, dispatching them to
// the router and middleware, writing the answer (or the error envelope).
#include <array>
#include <boost/asio/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "core/blocking.hpp"
#include "core/json_input.hpp"
#include "http/server_internal.hpp"

namespace ws::http {

/// Where a handler's answer lands; the session coroutine waits on it.
struct ReplySlot {
  std::mutex mutex;
  bool done = false;                       // GUARDED_BY(mutex)
  std::optional<Result<Response>> result;  // GUARDED_BY(mutex)
  std::function<void()> resume;            // GUARDED_BY(mutex)

  void Complete(Result<Response> r) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex);
      if (done) return;
      done = true;
      result.emplace(std::move(r));
      wake = std::move(resume);
    }
    if (wake) wake();
  }
};

namespace {

/// Suspends the coroutine until the slot completes, then resumes it on its
/// own executor (the connection's strand).
template <class Token>
auto AsyncWaitReply(std::shared_ptr<ReplySlot> slot, Token&& token) {
  return asio::async_initiate<Token, void()>(
      [slot](auto handler) {
        auto executor = asio::get_associated_executor(handler);
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        std::unique_lock lock(slot->mutex);
        if (slot->done) {
          lock.unlock();
          asio::post(executor, [shared] { (*shared)(); });
          return;
        }
        slot->resume = [shared, executor] { asio::post(executor, [shared] { (*shared)(); }); };
      },
      token);
}

/// The Responder's state: answers 500 if every copy is dropped unanswered.
struct ResponderState final : Responder::State {
  explicit ResponderState(std::shared_ptr<ReplySlot> s) : slot(std::move(s)) {}
  ~ResponderState() override {
    slot->Complete(AppError::Internal("async handler dropped its responder"));
  }
  void Complete(Result<Response> result) override { slot->Complete(std::move(result)); }
  std::shared_ptr<ReplySlot> slot;
};

/// The Responder's state while an async handler runs on the network thread
/// (RouteOptions::start_inline): its answer is held until the attempt is
/// known to count, then passed on; a refused attempt's answer is dropped.
struct InlineResponderState final : Responder::State {
  enum class Mode { kHolding, kForwarding, kDropping };
  explicit InlineResponderState(std::shared_ptr<ReplySlot> s) : slot(std::move(s)) {}
  ~InlineResponderState() override {
    if (mode == Mode::kForwarding) {
      slot->Complete(AppError::Internal("async handler dropped its responder"));
    }
  }
  void Complete(Result<Response> result) override {
    {
      std::lock_guard lock(mutex);
      if (mode == Mode::kDropping) return;
      if (mode == Mode::kHolding) {
        if (!held) held.emplace(std::move(result));
        return;
      }
    }
    slot->Complete(std::move(result));
  }
  /// Ends the attempt: its answer counts (now or later), or is dropped.
  void Settle(bool counts) {
    std::optional<Result<Response>> answer;
    {
      std::lock_guard lock(mutex);
      mode = counts ? Mode::kForwarding : Mode::kDropping;
      answer = std::move(held);
    }
    if (counts && answer) slot->Complete(std::move(*answer));
  }
  std::shared_ptr<ReplySlot> slot;
  std::mutex mutex;
  Mode mode = Mode::kHolding;            // GUARDED_BY(mutex)
  std::optional<Result<Response>> held;  // GUARDED_BY(mutex)
};

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

/// RFC 9112 §6.1/§6.3 rules Beast 1.81 does not enforce: answers the reason
/// a request must be refused (and the connection closed), or "".
std::string SmugglingViolation(const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& req = parser.get();
  const bool has_length = req.find(bhttp::field::content_length) != req.end();
  auto [te_begin, te_end] = req.equal_range(bhttp::field::transfer_encoding);
  if (te_begin == te_end) return "";
  if (has_length) return "Content-Length and Transfer-Encoding must not both be present";
  if (req.version() < 11) return "Transfer-Encoding is not allowed in HTTP/1.0";
  std::string last;
  for (auto it = te_begin; it != te_end; ++it) {
    std::string_view value = it->value();
    size_t comma = value.rfind(',');
    std::string_view coding = comma == value.npos ? value : value.substr(comma + 1);
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) {
      coding.remove_prefix(1);
    }
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) {
      coding.remove_suffix(1);
    }
    last = AsciiLower(coding);
  }
  if (last != "chunked") return "the final Transfer-Encoding must be chunked";
  return "";
}

AppError TooLarge(int64_t limit) {
  return {ErrorCode::kPayloadTooLarge,
          "request body is larger than " + std::to_string(limit) + " bytes",
          {},
          {},
          0};
}

/// The headers every answer carries, rendered once.
std::string_view FixedHeaders(bool hsts) {
  static const std::string common =
      "Server: workstead\r\n"
      "X-Content-Type-Options: nosniff\r\n"
      "X-Frame-Options: DENY\r\n"
      "Referrer-Policy: strict-origin-when-cross-origin\r\n"
      "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
      "img-src 'self' data: blob:; font-src 'self'; connect-src 'self' ws: wss:; "
      "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'\r\n"
      "Cross-Origin-Opener-Policy: same-origin\r\n"
      "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n";
  static const std::string with_hsts =
      common + "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n";
  return hsts ? with_hsts : common;
}

/// A header a handler set goes out only when it cannot split the head.
bool SafeHeader(const Field& h) {
  auto clean = [](std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
  };
  return !h.name.empty() && h.name.find(':') == std::string::npos && clean(h.name) &&
         clean(h.value);
}

void AppendHeader(std::string& head, std::string_view name, std::string_view value) {
  head.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

asio::awaitable<void> Session::Loop() {
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(server_.options_.header_limit));
    parser.body_limit(server_.options_.default_body_limit);
    stream_.expires_after(std::chrono::seconds(server_.options_.idle_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kUseTuple);
    const auto started = std::chrono::steady_clock::now();
    if (ec == bhttp::error::header_limit) {
      AppError error{ErrorCode::kHeadersTooLarge, "request headers are too large", {}, {}, 0};
      co_await WriteError(error, started);
      co_return;
    }
    if (ec == bhttp::error::body_limit) {  // a declared Content-Length over the default limit
      AppError error = TooLarge(server_.options_.default_body_limit);
      co_await WriteError(error, started);
      co_return;
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::bad_descriptor) {
      co_return;
    }
    if (ec) {
      AppError error = AppError::BadRequest("malformed HTTP request: " + ec.message());
      co_await WriteError(error, started);
      co_return;
    }
    // A shutdown may have closed the socket while the header was arriving.
    if (!stream_.socket().is_open()) co_return;
    if (HandOver(parser)) co_return;
    busy_ = true;
    const bool keep_alive = co_await Serve(parser);
    busy_ = false;
    if (!keep_alive || server_.stopping_) co_return;
  }
}

std::string Session::ClientIp(std::string_view forwarded_for) const {
  if (!server_.options_.trust_proxy) return remote_ip_;
  // The first address is the client's; proxies append theirs after it.
  std::string_view first = forwarded_for.substr(0, forwarded_for.find(','));
  while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
  return first.empty() ? remote_ip_ : std::string(first);
}

bool Session::HandOver(bhttp::request_parser<bhttp::string_body>& parser) {
  if (!server_.upgrade_ || server_.stopping_ || !parser.is_done()) return false;
  const auto& header = parser.get();
  const std::string_view target = header.target();
  if (target.substr(0, target.find('?')) != server_.upgrade_path_ ||
      !beast::websocket::is_upgrade(header) || !SmugglingViolation(parser).empty()) {
    return false;
  }
  std::string ip = ClientIp(header["x-forwarded-for"]);
  ++server_.open_;  // the hand-over counts as open until `closed` runs
  Server::Impl& server = server_;
  server_.upgrade_->Upgrade(stream_.release_socket(), parser.release(), std::move(ip),
                            [&server] { server.SessionClosed(); });
  return true;
}

asio::awaitable<bool> Session::Serve(bhttp::request_parser<bhttp::string_body>& parser) {
  const auto started = std::chrono::steady_clock::now();
  const std::string violation = SmugglingViolation(parser);
  if (!violation.empty()) {
    {
      AppError error = AppError::BadRequest(violation);
      co_await WriteError(error, started);
    }
    co_return false;
  }
  const auto& header = parser.get();
  if (header.version() != 10 && header.version() != 11) {
    {
      AppError error = AppError::BadRequest("unsupported HTTP version");
      co_await WriteError(error, started);
    }
    co_return false;
  }
  Request request;
  request.method = ToMethod(header.method());
  request.target = std::string(header.target());
  request.headers.reserve(16);
  for (const auto& field : header) {
    request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  request.remote_ip = ClientIp(request.Header("x-forwarded-for"));
  const std::string_view incoming_id = request.Header("x-request-id");
  request.request_id = ValidRequestId(incoming_id) ? std::string(incoming_id) : NewId();

  const std::string_view target = header.target();
  const size_t qmark = target.find('?');
  if (qmark != target.npos) request.query = std::string(target.substr(qmark + 1));
  if (!PercentDecode(target.substr(0, qmark), request.path, false) ||
      request.path.find('\0') != std::string::npos || !request.path.starts_with('/')) {
    {
      Result<Response> reply = AppError::BadRequest("malformed request target");
      co_await Write(request, reply, false, started);
    }
    co_return false;
  }

  const Router::Match match = server_.router_.Find(request);
  const int64_t limit = match.route != nullptr && match.route->options.max_body > 0
                            ? match.route->options.max_body
                            : server_.options_.default_body_limit;
  if (parser.content_length().value_or(0) > uint64_t(limit)) {
    {
      Result<Response> reply = TooLarge(limit);
      co_await Write(request, reply, false, started);
    }
    co_return false;
  }
  parser.body_limit(static_cast<uint64_t>(limit));
  if (!parser.is_done()) {
    if (bhttp::token_list(header[bhttp::field::expect]).exists("100-continue")) {
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
      co_await bhttp::async_write(stream_, cont, kUseTuple);
    }
    stream_.expires_after(std::chrono::seconds(server_.options_.request_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_read(stream_, buffer_, parser, kUseTuple);
    if (ec == bhttp::error::body_limit) {
      {
        Result<Response> reply = TooLarge(limit);
        co_await Write(request, reply, false, started);
      }
      co_return false;
    }
    if (ec) {
      if (ec != beast::error::timeout && ec != asio::error::eof &&
          ec != bhttp::error::partial_message) {
        {
          Result<Response> reply = AppError::BadRequest("malformed HTTP body: " + ec.message());
          co_await Write(request, reply, false, started);
        }
      }
      co_return false;
    }
  }
  request.body = std::move(parser.get().body());
  const bool keep_alive = parser.get().keep_alive();

  if (match.route == nullptr) {
    if (!match.allow.empty()) {
      request.response_headers.push_back({"Allow", match.allow});
      Result<Response> reply =
          AppError{ErrorCode::kMethodNotAllowed, "method not allowed", {}, {}, 0};
      co_await Write(request, reply, keep_alive, started);
    } else {
      {
        Result<Response> reply = AppError::NotFound("no such route");
        co_await Write(request, reply, keep_alive, started);
      }
    }
    co_return keep_alive;
  }

  const Route& route = *match.route;
  if (route.options.json_body && !request.body.empty()) {
    const std::string type = AsciiLower(request.Header("content-type"));
    if (!type.starts_with("application/json")) {
      {
        Result<Response> reply = AppError::BadRequest("Content-Type must be application/json");
        co_await Write(request, reply, keep_alive, started);
      }
      co_return keep_alive;
    }
  }
  if (route.options.exec == Exec::kInline) {
    {
      Result<Response> reply = RunChain(request, route, 0);
      co_await Write(request, reply, keep_alive, started);
    }
    co_return keep_alive;
  }
  // A read is first tried here: when nothing on its way needs to block
  // (the caller's session is cached, the handler answers from memory) it is
  // answered without the round trip through the worker pool. The first
  // step that would block refuses, and the request continues on a worker
  // from that step (see core/blocking.hpp).
  size_t resume_at = 0;
  if (route.options.exec == Exec::kWorker &&
      (request.method == Method::kGet || request.method == Method::kHead)) {
    std::optional<Result<Response>> reply = TryChainInline(request, route, resume_at);
    if (reply) {
      co_await Write(request, *reply, keep_alive, started);
      co_return keep_alive;
    }
  }
  auto slot = std::make_shared<ReplySlot>();
  // A large body is parsed on a worker, not on the network thread.
  constexpr size_t kInlineBody = 64 * 1024;
  if (route.options.exec != Exec::kAsync || !route.options.start_inline ||
      request.body.size() > kInlineBody || !TryAsyncInline(request, route, slot, resume_at)) {
    asio::post(server_.workers_, [this, &request, &route, slot, resume_at] {
      if (route.options.exec == Exec::kWorker) {
        slot->Complete(RunChain(request, route, resume_at));
        return;
      }
      StartAsync(request, route, resume_at, Responder(std::make_shared<ResponderState>(slot)));
    });
  }
  co_await AsyncWaitReply(slot, asio::use_awaitable);
  Result<Response> result = AppError::Internal("no result");
  {
    std::lock_guard lock(slot->mutex);
    result = std::move(*slot->result);
  }
  {
    Result<Response> reply = std::move(result);
    co_await Write(request, reply, keep_alive, started);
  }
  co_return keep_alive;
}

Result<Response> Session::RunChain(Request& request, const Route& route, size_t from) {
  const auto& chain = server_.router_.middleware();
  for (size_t i = from; i < chain.size(); ++i) {
    if (Status s = chain[i](request, route); !s) return std::move(s).error();
  }
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    return AppError::Internal(std::string("handler threw: ") + e.what());
  }
}

std::optional<Status> Session::MiddlewareInline(Request& request, const Route& route,
                                                const NoBlockingScope& scope, size_t& resume_at) {
  const auto& chain = server_.router_.middleware();
  for (size_t i = 0; i < chain.size(); ++i) {
    Status s = chain[i](request, route);
    if (scope.refused()) {
      resume_at = i;
      return std::nullopt;
    }
    if (!s) return s;
  }
  resume_at = chain.size();
  return Status{};
}

std::optional<Result<Response>> Session::TryChainInline(Request& request, const Route& route,
                                                        size_t& resume_at) {
  NoBlockingScope scope;
  std::optional<Status> passed = MiddlewareInline(request, route, scope, resume_at);
  if (!passed) return std::nullopt;
  if (!*passed) return Result<Response>(std::move(*passed).error());
  try {
    Result<Response> reply = route.handler(request);
    if (scope.refused()) return std::nullopt;
    return reply;
  } catch (const std::exception& e) {
    if (scope.refused()) return std::nullopt;
    return Result<Response>(AppError::Internal(std::string("handler threw: ") + e.what()));
  }
}

void Session::StartAsync(Request& request, const Route& route, size_t from, Responder respond) {
  const auto& chain = server_.router_.middleware();
  for (size_t i = from; i < chain.size(); ++i) {
    if (Status s = chain[i](request, route); !s) return respond(std::move(s).error());
  }
  try {
    route.async_handler(request, respond);
  } catch (const std::exception& e) {
    respond(AppError::Internal(std::string("handler threw: ") + e.what()));
  }
}

bool Session::TryAsyncInline(Request& request, const Route& route,
                             const std::shared_ptr<ReplySlot>& slot, size_t& resume_at) {
  auto state = std::make_shared<InlineResponderState>(slot);
  {
    NoBlockingScope scope;
    std::optional<Status> passed = MiddlewareInline(request, route, scope, resume_at);
    if (!passed || !*passed) {
      state->Settle(false);
      if (!passed) return false;
      slot->Complete(std::move(*passed).error());
      return true;
    }
    try {
      route.async_handler(request, Responder(state));
    } catch (const std::exception& e) {
      if (!scope.refused()) {
        state->Settle(true);
        slot->Complete(AppError::Internal(std::string("handler threw: ") + e.what()));
        return true;
      }
    }
    if (scope.refused()) {
      state->Settle(false);
      return false;
    }
  }
  state->Settle(true);
  return true;
}

asio::awaitable<void> Session::WriteError(AppError& error,
                                          std::chrono::steady_clock::time_point started) {
  Request request;
  request.request_id = NewId();
  request.remote_ip = remote_ip_;
  Result<Response> reply = std::move(error);
  co_await Write(request, reply, false, started);
}

asio::awaitable<void> Session::Write(Request& request, Result<Response>& result, bool keep_alive,
                                     std::chrono::steady_clock::time_point started) {
  Response response;
  if (result.ok()) {
    response = std::move(result).value();
  } else {
    const AppError& error = result.error();
    response.status = ErrorStatus(error.code);
    boost::json::object body;
    boost::json::object inner{{"code", ErrorCodeName(error.code)}, {"message", error.message}};
    if (!error.fields.empty()) {
      boost::json::object fields;
      for (const auto& [k, v] : error.fields) fields[k] = v;
      inner["fields"] = std::move(fields);
    }
    body["error"] = std::move(inner);
    body["request_id"] = request.request_id;
    response.body = boost::json::serialize(body);
    if (error.retry_after_seconds > 0) {
      response.headers.push_back({"Retry-After", std::to_string(error.retry_after_seconds)});
    }
    if (response.status >= 500) {
      log::Error(
          "request failed",
          {{"request_id", request.request_id}, {"route", request.route}, {"detail", error.detail}});
    } else if (!error.detail.empty()) {
      log::Debug("request refused", {{"request_id", request.request_id}, {"detail", error.detail}});
    }
  }

  const std::string_view body =
      response.static_body.data() != nullptr ? response.static_body : response.body;
  const bool no_body = request.method == Method::kHead || response.status == 204 ||
                       response.status == 304 || (response.status >= 100 && response.status < 200);
  // The head is written by hand: one string, no per-field allocations.
  std::string head;
  head.reserve(1024);
  head.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
  head.append(bhttp::obsolete_reason(bhttp::int_to_status(unsigned(response.status))));
  head.append("\r\n");
  if (!response.content_type.empty()) AppendHeader(head, "Content-Type", response.content_type);
  if (response.status != 204 && response.status != 304) {
    AppendHeader(head, "Content-Length", std::to_string(body.size()));
  }
  AppendHeader(head, "X-Request-Id", request.request_id);
  head.append(FixedHeaders(server_.options_.hsts));
  for (const auto* headers : {&request.response_headers, &response.headers}) {
    for (const auto& h : *headers) {
      if (SafeHeader(h)) {
        AppendHeader(head, h.name, h.value);
      } else {
        log::Error("response header dropped: it contains a line break",
                   {{"request_id", request.request_id}, {"route", request.route}});
      }
    }
  }
  if (!keep_alive || server_.stopping_) head.append("Connection: close\r\n");
  head.append("\r\n");

  // Recorded before the write: a client that has its answer must find it
  // counted. The duration is therefore time to first byte.
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  server_.metrics_.Observe(request.method, request.route, response.status, ms);
  log::Info("request", {{"request_id", request.request_id},
                        {"method", MethodName(request.method)},
                        {"route", request.route.empty() ? std::string_view("-") : request.route},
                        {"status", response.status},
                        {"bytes", static_cast<int64_t>(body.size())},
                        {"duration_ms", ms},
                        {"user_id", request.identity.user_id},
                        {"ip", request.remote_ip}});
  stream_.expires_after(std::chrono::seconds(server_.options_.request_timeout_seconds));
  const std::array<asio::const_buffer, 2> buffers{
      asio::buffer(head), asio::buffer(body.data(), no_body ? 0 : body.size())};
  (void)co_await asio::async_write(stream_, buffers, kUseTuple);
}

}  // namespace ws::http
