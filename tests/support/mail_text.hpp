#pragma once

#include <string>

namespace ws::test {

/// The value of the first `name:` header of an RFC 5322 message (folded
/// lines joined), or "" when absent.
std::string MailHeader(const std::string& message, const std::string& name);

/// Decodes quoted-printable text: `=XX` escapes and soft line breaks. An `=`
/// that starts no escape (a MIME boundary such as "=_ws_…") is kept as is.
std::string DecodeQuotedPrintable(const std::string& text);

}  // namespace ws::test
