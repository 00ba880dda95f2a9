#include "core/blocking.hpp"

namespace ws {

namespace {

struct ThreadState {
  int depth = 0;
  bool refused = false;
};

thread_local ThreadState state;

}  // namespace

NoBlockingScope::NoBlockingScope() {
  if (state.depth++ == 0) state.refused = false;
}

NoBlockingScope::~NoBlockingScope() { --state.depth; }

bool NoBlockingScope::refused() const { return state.refused; }

bool RefuseBlocking() {
  if (state.depth == 0) return false;
  state.refused = true;
  return true;
}

AppError WouldBlockError() { return AppError::Internal("would block on a network thread"); }

}  // namespace ws
