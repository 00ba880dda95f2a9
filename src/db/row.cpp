#include <charconv>
#include <cstdio>

#include "db/database.hpp"

namespace ws::db {

bool Row::IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cells_[i]); }

int64_t Row::Int(size_t i) const {
  const Cell& c = cells_[i];
  if (auto* v = std::get_if<int64_t>(&c)) return *v;
  if (auto* d = std::get_if<double>(&c)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&c)) {
    if (*s == "t" || *s == "true") return 1;
    if (*s == "f" || *s == "false") return 0;
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Cell& c = cells_[i];
  if (auto* v = std::get_if<double>(&c)) return *v;
  if (auto* n = std::get_if<int64_t>(&c)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&c)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

bool Row::Bool(size_t i) const { return Int(i) != 0; }

std::string Row::Text(size_t i) const {
  const Cell& c = cells_[i];
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  if (auto* v = std::get_if<int64_t>(&c)) return std::to_string(*v);
  if (auto* d = std::get_if<double>(&c)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
  }
  return {};
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

}  // namespace ws::db
