-- wrk script: signs in again and again (POST /api/v1/auth/login), the load
-- that runs argon2id for every request.
-- Usage: BENCH_EMAIL=… BENCH_PASSWORD=… wrk -s login.lua URL/api/v1/auth/login
local email = os.getenv("BENCH_EMAIL")
local password = os.getenv("BENCH_PASSWORD")
if email == nil or password == nil then
  io.stderr:write("login.lua: set BENCH_EMAIL and BENCH_PASSWORD\n")
  os.exit(1)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"' .. email .. '","password":"' .. password .. '"}'
