#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

/// Fractional (lexicographic) order keys for manually ordered lists.
///
/// A key is a non-empty string of base-62 digits [0-9A-Za-z] (ASCII order, so
/// bytewise comparison is numeric comparison of the fraction 0.d1d2d3...) that
/// does not end in the minimum digit '0'. Because no key ends in '0', there is
/// always a key strictly between two distinct valid keys.
namespace ws::order_key {

/// A key strictly between `a` and `b`; "" means unbounded on that side.
/// Keys are [0-9A-Za-z] compared bytewise. Precondition: a < b when both are
/// given, and both are valid or empty (violations yield a best-effort key, never
/// UB). The result is as short as possible given the inputs.
std::string Between(std::string_view a, std::string_view b);

/// `n` increasing, evenly spread keys (for a rebalance), as short as possible.
std::vector<std::string> Spread(size_t n);

/// True for a non-empty [0-9A-Za-z] string not ending in '0'.
bool IsValid(std::string_view key);

/// Rebalance (Spread) a list when one of its keys grows longer than this.
inline constexpr size_t kRebalanceLength = 24;

}  // namespace ws::order_key
