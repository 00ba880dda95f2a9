#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/executor.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "modules/idempotency/store.hpp"

/// Idempotency-Key on POST (API.md "Conventions", docs/idempotency.md): the
/// same key from the same user within 24 h answers the first response again
/// and runs nothing. Installed as a router handler wrapper, so it applies to
/// every authenticated POST route, present and future.
namespace ws::idempotency {

inline constexpr std::string_view kKeyHeader = "Idempotency-Key";
inline constexpr std::string_view kReplayedHeader = "Idempotent-Replayed";

/// The header's value: nullopt when absent, possibly empty when sent empty.
/// A scan of the headers, no allocation.
std::optional<std::string_view> KeyOf(const http::Request& request);

/// 1 to 255 printable ASCII characters (space included).
bool ValidKey(std::string_view key);

/// What identifies "the same request": method, target and SHA-256 of the body.
std::string Fingerprint(const http::Request& request);

/// The wrapper for authenticated (Access::kUser), non-inline POST routes;
/// every other route keeps its handler. Requests without the header pay one
/// header scan. `executor` runs the database writes of async handlers, which
/// may answer from any thread.
http::HandlerWrapper MakeWrapper(std::shared_ptr<Store> store, Executor& executor);

/// Wraps `router`'s handlers (call after the authentication middleware is
/// added; routes registered later are wrapped too).
void Install(http::Router& router, db::Database& db, Executor& executor, Options options = {});

}  // namespace ws::idempotency
