// Fractional order keys: a key is the base-62 fraction 0.d1d2d3... written
// with the digits [0-9A-Za-z] (ASCII order, so bytewise comparison is numeric
// comparison). Forbidding a trailing '0' makes every fraction have exactly one
// spelling, so two distinct keys always have room for a third between them.
//
// Inserting between two keys takes their midpoint. Appending (or prepending)
// does not halve the remaining gap, which would add a digit every six
// appends: it counts upwards with a counter whose width grows with the number
// of leading 'z's (leading '0's when prepending), so level k offers about
// 62^(k+1) keys of length 2k+1 and n appends need O(log n) digits.
#include "core/order_key.hpp"

#include <algorithm>

namespace ws::order_key {

namespace {

constexpr int kBase = 62;
constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The value of a digit; characters outside the alphabet clamp to the
/// nearest digit so invalid input still yields a well-formed key.
int Value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c >= 'a' && c <= 'z') return c - 'a' + 36;
  return c < '0' ? 0 : kBase - 1;
}

char Digit(int value) { return kDigits[value]; }

void StripTrailingZeros(std::string& key) {
  while (!key.empty() && key.back() == '0') key.pop_back();
}

/// A key strictly between `a` and `b`, where `b_open` means b = 1.0.
/// REQUIRES: a < b, neither ends in '0'.
std::string Midpoint(std::string_view a, std::string_view b, bool b_open) {
  std::string out;
  for (;;) {
    if (!b_open) {
      // Copy the common prefix (a padded with '0').
      size_t n = 0;
      while (n < b.size() && (n < a.size() ? a[n] : '0') == b[n]) ++n;
      out.append(b.substr(0, n));
      a = a.substr(std::min(n, a.size()));
      b = b.substr(n);
      if (b.empty()) {  // a >= b: precondition broken; answer something after a
        b_open = true;
      }
    }
    const int digit_a = a.empty() ? 0 : Value(a.front());
    const int digit_b = b_open ? kBase : Value(b.front());
    if (digit_b - digit_a > 1) {
      out.push_back(Digit((digit_a + digit_b + 1) / 2));
      return out;
    }
    if (!b_open && b.size() > 1) {
      // b's first digit alone is above a and below b (b has more digits).
      out.push_back(b.front());
      return out;
    }
    // Same digit as a, then anything after a's remainder.
    out.push_back(Digit(digit_a));
    a = a.empty() ? a : a.substr(1);
    b_open = true;
  }
}

/// The key after `a`: a counter of width (leading 'z's + 1) incremented.
std::string After(std::string_view a) {
  size_t k = 0;
  while (k < a.size() && a[k] == 'z') ++k;
  const size_t width = k + 1;
  std::string key(a.substr(0, std::min(a.size(), k + width)));
  key.resize(k + width, '0');
  // No overflow: key[k] is below 'z' (or a padding '0').
  for (size_t i = key.size(); i-- > k;) {
    const int v = Value(key[i]) + 1;
    if (v < kBase) {
      key[i] = Digit(v);
      break;
    }
    key[i] = '0';
  }
  StripTrailingZeros(key);
  return key;
}

/// The key before `b`: a counter of width (leading '0's + 1) decremented,
/// or the midpoint towards zero when that counter would reach zero.
std::string Before(std::string_view b) {
  size_t k = 0;
  while (k < b.size() && b[k] == '0') ++k;
  const size_t width = k + 1;
  std::string key(b.substr(0, std::min(b.size(), k + width)));
  key.resize(k + width, '0');
  for (size_t i = key.size(); i-- > k;) {
    const int v = Value(key[i]) - 1;
    if (v >= 0) {
      key[i] = Digit(v);
      break;
    }
    key[i] = Digit(kBase - 1);
  }
  StripTrailingZeros(key);
  if (key.empty() || key.size() <= k) return Midpoint("", b, false);
  return key;
}

}  // namespace

bool IsValid(std::string_view key) {
  if (key.empty() || key.back() == '0') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

std::string Between(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return std::string(1, Digit(kBase / 2));
  if (b.empty()) return After(a);
  if (a.empty()) return Before(b);
  if (a >= b) return After(a);
  return Midpoint(a, b, false);
}

std::vector<std::string> Spread(size_t n) {
  std::vector<std::string> keys;
  if (n == 0) return keys;
  // The shortest length with at least n + 1 slots, then key i is the first
  // `length` digits of the fraction i / (n + 1).
  __extension__ using Wide = unsigned __int128;
  size_t length = 1;
  for (Wide slots = kBase; slots < Wide(n) + 1; slots *= kBase) ++length;
  keys.reserve(n);
  const Wide denominator = Wide(n) + 1;
  for (size_t i = 1; i <= n; ++i) {
    std::string key;
    key.reserve(length);
    Wide remainder = i;
    for (size_t d = 0; d < length; ++d) {
      remainder *= kBase;
      key.push_back(Digit(static_cast<int>(remainder / denominator)));
      remainder %= denominator;
    }
    StripTrailingZeros(key);
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace ws::order_key
