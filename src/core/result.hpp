#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace ws {

/// A value or an AppError: expected failures travel as values across layers.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}         // NOLINT
  Result(AppError error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const AppError& error() const& { return std::get<1>(data_); }
  AppError&& error() && { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, AppError> data_;
};

/// Result of an operation with no value.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(AppError error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const AppError& error() const& { return *error_; }
  AppError&& error() && { return std::move(*error_); }

 private:
  std::optional<AppError> error_;
};

using Status = Result<void>;

}  // namespace ws

/// Propagates the error of a Result-returning expression.
#define WS_TRY(expr)                                     \
  do {                                                   \
    if (auto ws_try_result_ = (expr); !ws_try_result_) { \
      return std::move(ws_try_result_).error();          \
    }                                                    \
  } while (false)

#define WS_CONCAT_INNER(a, b) a##b
#define WS_CONCAT(a, b) WS_CONCAT_INNER(a, b)
/// `WS_ASSIGN(auto x, Expr())`: binds the value or returns the error.
#define WS_ASSIGN(decl, expr) WS_ASSIGN_IMPL(WS_CONCAT(ws_assign_, __LINE__), decl, expr)
#define WS_ASSIGN_IMPL(tmp, decl, expr)    \
  auto tmp = (expr);                       \
  if (!tmp) return std::move(tmp).error(); \
  decl = std::move(tmp).value()
