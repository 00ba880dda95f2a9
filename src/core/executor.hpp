#pragma once

#include <chrono>
#include <functional>

namespace ws {

/// Runs work elsewhere without exposing Asio: `Post` on the blocking worker
/// pool, `After` on a timer. Implemented by the HTTP server.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Runs `fn` on a worker thread (may block: database, hashing).
  virtual void Post(std::function<void()> fn) = 0;
  /// Runs `fn` on a network thread after `delay`; `fn` must not block.
  virtual void After(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
};

}  // namespace ws
