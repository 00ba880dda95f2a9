#include "support/mail_text.hpp"

#include <cctype>

namespace ws::test {

std::string MailHeader(const std::string& message, const std::string& name) {
  const std::string head = message.substr(0, message.find("\r\n\r\n"));
  std::string value;
  bool inside = false;
  size_t start = 0;
  while (start <= head.size()) {
    size_t end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    const std::string line = head.substr(start, end - start);
    start = end + 2;
    if (inside && !line.empty() && line[0] == ' ') {
      value += line;
    } else if (inside) {
      break;
    } else if (line.rfind(name + ": ", 0) == 0) {
      value = line.substr(name.size() + 2);
      inside = true;
    }
  }
  return value;
}

std::string DecodeQuotedPrintable(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;  // soft line break
    } else if (text.compare(i + 1, 1, "\n") == 0) {
      i += 1;
    } else if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
               !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += '=';  // a boundary such as "=_ws_…", not an escape
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

}  // namespace ws::test
