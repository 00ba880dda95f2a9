#pragma once

#include "core/error.hpp"

namespace ws {

/// Marks the current thread as one that must not block while the scope
/// lives: a network thread trying a request before handing it to the worker
/// pool. Code that would block (a database unit, a password hash, an SMTP
/// send) asks `RefuseBlocking()` first; inside a scope it does not block but
/// records that it refused and returns `WouldBlockError()`. The caller then
/// throws away whatever the attempt produced and runs the work again where
/// blocking is allowed, so an attempt must not change anything before its
/// first blocking call.
class NoBlockingScope {
 public:
  NoBlockingScope();
  ~NoBlockingScope();
  NoBlockingScope(const NoBlockingScope&) = delete;
  NoBlockingScope& operator=(const NoBlockingScope&) = delete;

  /// True once something inside the scope refused to block.
  bool refused() const;
};

/// True inside a NoBlockingScope (and then marks it refused): the caller must
/// return instead of blocking.
bool RefuseBlocking();

/// What a refused blocking call returns; never reaches a client.
AppError WouldBlockError();

}  // namespace ws
