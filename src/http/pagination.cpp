#include "http/pagination.hpp"

#include <charconv>

namespace ws::http {

Result<int> QueryLimit(const Request& request, int fallback, int max) {
  const auto text = request.Query("limit");
  if (!text) return fallback;
  int limit = 0;
  const char* end = text->data() + text->size();
  if (text->empty() || std::from_chars(text->data(), end, limit).ptr != end || limit < 1 ||
      limit > max) {
    return AppError::BadRequest("limit must be an integer from 1 to " + std::to_string(max));
  }
  return limit;
}

}  // namespace ws::http
