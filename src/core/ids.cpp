#include "core/ids.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <mutex>
#include <random>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace ws {

namespace {

// Keeps ids from one process strictly increasing even within a millisecond
// (RFC 9562 method 3: a counter in rand_a, reseeded each new millisecond).
struct Monotonic {
  std::mutex mutex;
  int64_t last_ms = 0;
  uint16_t counter = 0;
};

Monotonic& State() {
  static Monotonic state;
  return state;
}

}  // namespace

std::string NewId() {
  // Ids are unique, not secret: a per-thread generator seeded from the
  // CSPRNG saves a getrandom() call per id. Secrets use RandomToken().
  thread_local std::mt19937_64 generator = [] {
    std::seed_seq::result_type seed[8];
    RandomBytes(seed, sizeof seed);
    std::seed_seq sequence(std::begin(seed), std::end(seed));
    return std::mt19937_64(sequence);
  }();
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < bytes.size(); i += 8) {
    const uint64_t r = generator();
    std::memcpy(bytes.data() + i, &r, 8);
  }
  int64_t ms = NowMillis();
  uint16_t counter = 0;
  {
    Monotonic& state = State();
    std::lock_guard lock(state.mutex);
    if (ms <= state.last_ms) {
      ms = state.last_ms;
      counter = ++state.counter & 0x0fff;
      if (counter == 0) state.last_ms = ++ms;
    } else {
      state.last_ms = ms;
      state.counter = (static_cast<uint16_t>(bytes[6]) << 8 | bytes[7]) & 0x07ff;
      counter = state.counter;
    }
  }
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  bytes[6] = static_cast<uint8_t>(0x70 | (counter >> 8));
  bytes[7] = static_cast<uint8_t>(counter & 0xff);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);
  std::string out =
      HexEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  for (const size_t at : {8, 13, 18, 23}) out.insert(at, 1, '-');  // 8-4-4-4-12
  return out;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace ws
