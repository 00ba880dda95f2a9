#pragma once

#include "core/config.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "modules/auth/service.hpp"

namespace ws::auth {

/// /api/v1/auth/* and /api/v1/me* (routes.cpp).
void AddRoutes(http::Router& router, Service& service, const Config& config);
/// /api/v1/admin/* (admin_routes.cpp).
void AddAdminRoutes(http::Router& router, Service& service);

/// 400 unless the body is empty or a JSON object without fields.
Status ExpectNoFields(const http::Request& request);

}  // namespace ws::auth
