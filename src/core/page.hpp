#pragma once

// One page of a list (API.md: `{items, next_cursor}`), shared by every module.
#include <string>
#include <utility>
#include <vector>

namespace ws {

/// A page of a list and the opaque cursor of the next one ("" when none).
template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

/// A page from `limit + 1` fetched rows: keeps `limit` of them and, when
/// there was one more, sets the cursor to `cursor_of(last kept row)`.
template <class T, class CursorFn>
Page<T> PageFrom(std::vector<T> rows, int limit, CursorFn cursor_of) {
  Page<T> page;
  if (rows.size() > static_cast<size_t>(limit)) {
    rows.resize(static_cast<size_t>(limit));
    page.next_cursor = cursor_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace ws
