#pragma once

#include <string>
#include <string_view>

namespace ws {

/// A new UUIDv7 in canonical text form; ids sort by creation time.
std::string NewId();
/// True when `text` is a canonical lower- or upper-case UUID.
bool IsUuid(std::string_view text);

}  // namespace ws
