// TOTP (RFC 6238) as a second factor, with single-use recovery codes.
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/totp.hpp"
#include "modules/auth/service.hpp"
#include "modules/auth/store.hpp"

namespace ws::auth {

namespace {

constexpr int kRecoveryCodes = 10;
constexpr const char* kIssuer = "Workstead";

/// `xxxx-xxxx-xxxx-xxxx` over 32 unambiguous characters: 80 random bits.
std::string NewRecoveryCode() {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  unsigned char bytes[16];
  RandomBytes(bytes, sizeof bytes);
  std::string code;
  for (size_t i = 0; i < sizeof bytes; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[bytes[i] & 31];
  }
  return code;
}

}  // namespace

Result<Service::TotpSetup> Service::SetupTotp(const Caller& caller) {
  WS_ASSIGN(User user, CallerUser(caller));
  if (user.totp_enabled) {
    return AppError::Conflict("two-factor authentication is already on; turn it off first");
  }
  TotpSetup out;
  out.secret = totp::NewSecret();
  out.otpauth_uri = totp::OtpauthUri(kIssuer, user.email, out.secret);
  WS_TRY(deps_.db.Write([&](db::Conn& c) {
    return store::SetTotp(c, user.id, out.secret, false, std::nullopt, NowMillis());
  }));
  return out;
}

Result<std::vector<std::string>> Service::EnableTotp(const Caller& caller,
                                                     const std::string& code) {
  WS_ASSIGN(User user, CallerUser(caller));
  if (user.totp_enabled) return AppError::Conflict("two-factor authentication is already on");
  if (!user.totp_secret) {
    return AppError::Conflict("start with POST /api/v1/auth/totp/setup");
  }
  const auto step = totp::Verify(*user.totp_secret, code, NowMillis() / 1000);
  if (!step) return AppError::Invalid("code", "is incorrect");
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(NewRecoveryCode());
    std::string normal;
    for (char ch : codes.back()) {
      if (ch != '-') normal += ch;
    }
    hashes.push_back(Sha256Hex(normal));
  }
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::SetTotp(c, user.id, user.totp_secret, true, step, NowMillis()));
    WS_TRY(store::ReplaceRecoveryCodes(c, user.id, hashes));
    return AppendAudit(c, audit::kTotpEnabled, caller, user.id);
  }));
  return codes;
}

Status Service::DisableTotp(const Caller& caller, const std::optional<std::string>& password) {
  WS_ASSIGN(User user, CallerUser(caller));
  if (!user.totp_enabled) return AppError::Conflict("two-factor authentication is not on");
  WS_TRY(Reauthenticate(caller, user, password, "password"));
  return deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::SetTotp(c, user.id, std::nullopt, false, std::nullopt, NowMillis()));
    WS_TRY(store::DeleteRecoveryCodes(c, user.id));
    return AppendAudit(c, audit::kTotpDisabled, caller, user.id);
  });
}

}  // namespace ws::auth
