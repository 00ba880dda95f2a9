#pragma once

#include <memory>

#include "realtime/hub.hpp"

namespace ws::http {
class UpgradeHandler;
}

namespace ws::realtime {

/// The WebSocket side of the hub: accepts upgraded connections handed over
/// by the HTTP server (Server::SetUpgradeHandler) and runs them. The type is
/// only complete for code that includes http/upgrade.hpp.
std::shared_ptr<http::UpgradeHandler> MakeUpgradeHandler(std::shared_ptr<Hub> hub);

}  // namespace ws::realtime
