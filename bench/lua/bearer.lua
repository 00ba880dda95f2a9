-- wrk script: sends "Authorization: Bearer $BENCH_TOKEN" with every request.
-- Usage: BENCH_TOKEN=... run_wrk NAME URL -s "${BENCH_DIR}/lua/bearer.lua"
local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
  -- error() would only print and let wrk run without the header: exit instead.
  io.stderr:write("bearer.lua: set BENCH_TOKEN\n")
  os.exit(1)
end
wrk.headers["Authorization"] = "Bearer " .. token
