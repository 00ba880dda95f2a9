#include "modules/auth/emails.hpp"

namespace ws::auth::emails {

namespace {

std::string Greeting(const std::string& name) { return "Hello " + name + ",\n\n"; }

constexpr const char* kSignature = "\n-- \nWorkstead\n";

}  // namespace

mail::Message PasswordReset(const std::string& to, const std::string& name,
                            const std::string& public_url, const std::string& token) {
  return {to, "Reset your Workstead password",
          Greeting(name) +
              "Someone asked to reset the password of your Workstead account. To choose a new "
              "password, open this link within one hour:\n\n" +
              public_url + "/reset-password?token=" + token +
              "\n\nThe link works once. Resetting signs you out everywhere. If you did not ask "
              "for this, ignore this email; your password stays as it is.\n" +
              kSignature,
          ""};
}

mail::Message VerifyEmail(const std::string& to, const std::string& name,
                          const std::string& public_url, const std::string& token) {
  return {to, "Confirm your email address for Workstead",
          Greeting(name) + "Please confirm that this is your email address by opening:\n\n" +
              public_url + "/verify-email?token=" + token +
              "\n\nThe link is valid for two days. If you did not create a Workstead account, "
              "ignore this email.\n" +
              kSignature,
          ""};
}

mail::Message Invitation(const std::string& to, const std::string& name,
                         const std::string& public_url, const std::string& token) {
  return {to, "Your Workstead account is ready",
          Greeting(name) +
              "An administrator created a Workstead account for you. Choose your password "
              "within seven days here:\n\n" +
              public_url + "/reset-password?token=" + token + "\n" + kSignature,
          ""};
}

mail::Message EmailChanged(const std::string& to, const std::string& name,
                           const std::string& new_email) {
  return {to, "Your Workstead email address was changed",
          Greeting(name) + "The email address of your Workstead account was changed to " +
              new_email +
              ". If you did not do this, reset your password and contact your administrator.\n" +
              kSignature,
          ""};
}

}  // namespace ws::auth::emails
