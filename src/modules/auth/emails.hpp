#pragma once

#include <string>

#include "mail/mailer.hpp"

/// The texts of the account emails. Links point at the web app under
/// `public_url`; the token is the only secret in them.
namespace ws::auth::emails {

mail::Message PasswordReset(const std::string& to, const std::string& name,
                            const std::string& public_url, const std::string& token);
mail::Message VerifyEmail(const std::string& to, const std::string& name,
                          const std::string& public_url, const std::string& token);
/// An account made by an instance admin without a password: the link sets one.
mail::Message Invitation(const std::string& to, const std::string& name,
                         const std::string& public_url, const std::string& token);
/// Sent to the old address when the address of an account changes.
mail::Message EmailChanged(const std::string& to, const std::string& name,
                           const std::string& new_email);

}  // namespace ws::auth::emails
