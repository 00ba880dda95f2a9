#pragma once

// The list conventions of API.md: `?limit=` and `{items, next_cursor}`.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "http/message.hpp"

namespace ws::http {

/// `?limit=`: `fallback` when absent, else an integer from 1 to `max`;
/// 400 `bad_request` otherwise.
Result<int> QueryLimit(const Request& request, int fallback = 50, int max = 200);

/// `{items: [...], next_cursor: "…" | null}` from any page type with
/// `items` and `next_cursor` ("" when there is no next page).
template <class PageT, class Fn>
boost::json::object PageJson(const PageT& page, Fn to_json) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.emplace_back(to_json(item));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] =
      page.next_cursor.empty() ? boost::json::value(nullptr) : boost::json::value(page.next_cursor);
  return out;
}

}  // namespace ws::http
