// Routes of teams, the activity feed and the long-poll event stream.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <charconv>
#include <limits>

#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "modules/workspaces/routes.hpp"

namespace ws::workspaces::routes {

using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxTeamMembersOnCreate = 1000;

std::string Path(std::string_view tail) { return "/api/v1" + std::string(tail); }

const http::RouteOptions kUser{http::Exec::kWorker, http::Access::kUser, kMaxBody, true};

/// `member_ids`: an optional array of user ids.
std::vector<std::string> ReadMemberIds(JsonInput& input) {
  std::vector<std::string> ids;
  const boost::json::value* raw = input.Raw("member_ids");
  if (raw == nullptr || raw->is_null()) return ids;
  if (!raw->is_array() || raw->as_array().size() > kMaxTeamMembersOnCreate) {
    input.Fail("member_ids", "must be an array of at most 1000 user ids");
    return ids;
  }
  for (const auto& item : raw->as_array()) {
    if (!item.is_string() || !IsUuid(item.as_string())) {
      input.Fail("member_ids", "must contain user ids");
      return {};
    }
    std::string id(item.as_string());
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  }
  return ids;
}

boost::json::object ActivityJson(const ActivityItem& item) {
  boost::json::object out = boost::json::parse(item.event.ToJson()).as_object();
  if (item.actor) {
    out["actor"] = boost::json::object{{"id", item.actor->id}, {"name", item.actor->name}};
  } else {
    out["actor"] = nullptr;
  }
  return out;
}

/// A non-negative decimal integer no larger than `max`.
std::optional<int64_t> ReadCount(const std::string& text, int64_t max) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || text.size() > 19 || std::from_chars(text.data(), end, value).ptr != end ||
      value < 0 || value > max) {
    return std::nullopt;
  }
  return value;
}

void AddEventRoutes(http::Router& router, const std::shared_ptr<Service>& service,
                    const std::shared_ptr<LongPoll>& long_poll) {
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/activity"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, ReadPage(request));
        WS_ASSIGN(auto feed,
                  service->Activity(request.identity.user_id, request.Param("ws"), page));
        return Response::Json(PageJson(feed, ActivityJson));
      },
      kUser);
  router.AddAsync(
      Method::kGet, Path("/workspaces/{ws}/events"),
      [long_poll](Request& request, http::Responder respond) {
        std::optional<int64_t> after;
        if (auto text = request.Query("after")) {
          after = ReadCount(*text, std::numeric_limits<int64_t>::max());
          if (!after) return respond(AppError::BadRequest("after must be a non-negative integer"));
        }
        int wait = 0;
        if (auto text = request.Query("wait")) {
          auto value = ReadCount(*text, LongPoll::kMaxWaitSeconds);
          if (!value) return respond(AppError::BadRequest("wait must be an integer from 0 to 30"));
          wait = static_cast<int>(*value);
        }
        long_poll->Handle(request.identity.user_id, request.Param("ws"), after, wait,
                          std::move(respond));
      },
      {http::Exec::kAsync, http::Access::kUser, 0, true});
}

}  // namespace

void AddTeamRoutes(http::Router& router, const std::shared_ptr<Service>& service,
                   const std::shared_ptr<LongPoll>& long_poll) {
  const auto team_json = [](const Team& t) { return ToJson(t); };
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/teams"),
      [service, team_json](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, ReadPage(request));
        WS_ASSIGN(auto teams,
                  service->ListTeams(request.identity.user_id, request.Param("ws"), page));
        return Response::Json(PageJson(teams, team_json));
      },
      kUser);
  router.Add(
      Method::kPost, Path("/workspaces/{ws}/teams"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto name = input.Text("name", {.required = true, .min = 1, .max = 100});
        auto member_ids = ReadMemberIds(input);
        WS_TRY(input.Finish());
        WS_ASSIGN(auto team, service->CreateTeam(request.identity.user_id, request.Param("ws"),
                                                 *name, member_ids));
        return Response::Json(ToJson(team), 201);
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/teams/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto name = input.Text("name", {.required = true, .min = 1, .max = 100});
        WS_TRY(input.Finish());
        WS_ASSIGN(auto team,
                  service->RenameTeam(request.identity.user_id, request.Param("id"), *name));
        return Response::Json(ToJson(team));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/teams/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->DeleteTeam(request.identity.user_id, request.Param("id")));
        return Response::NoContent();
      },
      kUser);
  router.Add(
      Method::kPut, Path("/teams/{id}/members/{user_id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto team, service->AddTeamMember(request.identity.user_id, request.Param("id"),
                                                    request.Param("user_id")));
        return Response::Json(ToJson(team));
      },
      kUser);
  router.Add(
      Method::kDelete, Path("/teams/{id}/members/{user_id}"),
      [service](Request& request) -> Result<Response> {
        WS_TRY(service->RemoveTeamMember(request.identity.user_id, request.Param("id"),
                                         request.Param("user_id")));
        return Response::NoContent();
      },
      kUser);
  AddEventRoutes(router, service, long_poll);
}

}  // namespace ws::workspaces::routes
