#include "http/router.hpp"

#include <map>

namespace ws::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literal;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::vector<std::unique_ptr<Route>> routes;
};

namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == path.npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Insert(Route route) {
  Node* node = root_.get();
  for (std::string_view part : Split(route.pattern)) {
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      if (!node->param) node->param = std::make_unique<Node>();
      node->param->param_name = std::string(part.substr(1, part.size() - 2));
      node = node->param.get();
    } else {
      auto& child = node->literal[std::string(part)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  node->routes.push_back(std::make_unique<Route>(std::move(route)));
  order_.push_back(node->routes.back().get());
  for (const HandlerWrapper& wrapper : wrappers_) ApplyWrapper(wrapper, *order_.back());
}

void Router::ApplyWrapper(const HandlerWrapper& wrapper, Route& route) {
  if (route.handler && wrapper.handler) route.handler = wrapper.handler(route, route.handler);
  if (route.async_handler && wrapper.async_handler) {
    route.async_handler = wrapper.async_handler(route, route.async_handler);
  }
}

void Router::Wrap(HandlerWrapper wrapper) {
  for (Route* route : order_) ApplyWrapper(wrapper, *route);
  wrappers_.push_back(std::move(wrapper));
}

void Router::Add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  Insert(Route{method, std::string(pattern), options, std::move(handler), nullptr});
}

void Router::AddAsync(Method method, std::string_view pattern, AsyncHandler handler,
                      RouteOptions options) {
  options.exec = Exec::kAsync;
  Insert(Route{method, std::string(pattern), options, nullptr, std::move(handler)});
}

void Router::Use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }

void Router::SetFallback(Handler handler, RouteOptions options) {
  fallback_ =
      std::make_unique<Route>(Route{Method::kGet, "/*", options, std::move(handler), nullptr});
}

std::vector<const Route*> Router::routes() const { return {order_.begin(), order_.end()}; }

/// Depth-first match of `parts[i..]` below `node`: literal segments win over
/// parameters, with backtracking. Fills `params` on success.
const Router::Node* Router::Walk(const Node* node, const std::vector<std::string_view>& parts,
                                 size_t i,
                                 std::vector<std::pair<std::string_view, std::string>>& params) {
  if (i == parts.size()) return node->routes.empty() ? nullptr : node;
  if (auto it = node->literal.find(parts[i]); it != node->literal.end()) {
    if (const Node* found = Walk(it->second.get(), parts, i + 1, params)) return found;
  }
  if (node->param && !parts[i].empty()) {
    params.emplace_back(node->param->param_name, std::string(parts[i]));
    if (const Node* found = Walk(node->param.get(), parts, i + 1, params)) return found;
    params.pop_back();
  }
  return nullptr;
}

Router::Match Router::Find(Request& request) const {
  const std::vector<std::string_view> parts = Split(request.path);
  std::vector<std::pair<std::string_view, std::string>> params;
  Match match;
  const Node* node = request.path.starts_with('/') ? Walk(root_.get(), parts, 0, params) : nullptr;
  if (node != nullptr) {
    const Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
    for (const auto& route : node->routes) {
      if (route->method == wanted || route->method == request.method) {
        match.route = route.get();
        request.route = route->pattern;
        // Names point into the trie, which outlives every request.
        request.params = std::move(params);
        return match;
      }
    }
    for (const auto& route : node->routes) {
      if (!match.allow.empty()) match.allow += ", ";
      match.allow += MethodName(route->method);
      if (route->method == Method::kGet) match.allow += ", HEAD";
    }
    return match;
  }
  if (fallback_ && (request.method == Method::kGet || request.method == Method::kHead) &&
      !request.path.starts_with("/api/")) {
    match.route = fallback_.get();
    request.route = fallback_->pattern;
  }
  return match;
}

}  // namespace ws::http
