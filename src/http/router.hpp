#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace ws::http {

/// Where a handler runs.
enum class Exec {
  kInline,  // on the network thread: only for work that never blocks
  kWorker,  // on the worker pool (database, hashing)
  kAsync,   // handler gets a Responder and may answer later from any thread
};

/// Who may call a route; checked by the authentication middleware.
enum class Access { kPublic, kUser };

struct RouteOptions {
  Exec exec = Exec::kWorker;
  Access access = Access::kUser;
  int64_t max_body = 0;  // 0: the server default (1 MiB)
  /// A request body must be JSON (Content-Type application/json); false for
  /// routes that take other media (uploads).
  bool json_body = true;
  /// kAsync only: the request is first started on the network thread, like
  /// a read (core/blocking.hpp). A step that would block refuses; then
  /// whatever the handler answered is dropped and the request starts over
  /// on a worker from that step. Only for handlers that have no effect
  /// before their first blocking call (a queued WriteAsync does not block).
  /// Bodies over 64 KiB go to a worker directly.
  bool start_inline = false;
};

/// A registered route, for middleware, metrics and the OpenAPI check.
struct Route {
  Method method;
  std::string pattern;
  RouteOptions options;
  Handler handler;
  AsyncHandler async_handler;
};

/// Runs before the handler, in the handler's context; an error ends the
/// request with that error.
using Middleware = std::function<Status(Request&, const Route&)>;

/// Decorates route handlers, e.g. to replay stored answers: called once per
/// route added with Add/AddAsync (before or after Wrap) with the route and
/// its current handler; returns the handler to use instead (or the same one,
/// so routes that are left alone pay nothing per request). A wrapped handler
/// runs where the handler runs, after the middleware. Null members: routes of
/// that kind are not wrapped. The last wrapper added is the outermost.
struct HandlerWrapper {
  std::function<Handler(const Route&, Handler)> handler;
  std::function<AsyncHandler(const Route&, AsyncHandler)> async_handler;
};

/// Matches method + path to a route; patterns use `{name}` segments.
class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  void AddAsync(Method method, std::string_view pattern, AsyncHandler handler,
                RouteOptions options = {});
  /// Appends a middleware; they run in the order added.
  void Use(Middleware middleware);
  /// Wraps the handler of every route, present and future (setup only).
  void Wrap(HandlerWrapper wrapper);
  /// Answers GET/HEAD requests no route matches (static files, SPA).
  void SetFallback(Handler handler, RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;  // nullptr: not found
    std::string allow;             // non-empty: path exists, method does not (405)
  };
  /// Finds the route and fills `request.params` and `request.route`.
  Match Find(Request& request) const;
  const std::vector<Middleware>& middleware() const { return middleware_; }
  /// Every registered route in registration order.
  std::vector<const Route*> routes() const;

 private:
  struct Node;
  void Insert(Route route);
  static const Node* Walk(const Node* node, const std::vector<std::string_view>& parts, size_t i,
                          std::vector<std::pair<std::string_view, std::string>>& params);
  std::unique_ptr<Node> root_;
  static void ApplyWrapper(const HandlerWrapper& wrapper, Route& route);
  std::vector<Route*> order_;
  std::vector<Middleware> middleware_;
  std::vector<HandlerWrapper> wrappers_;
  std::unique_ptr<Route> fallback_;
};

}  // namespace ws::http
