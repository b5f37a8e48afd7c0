-- POST /users with a unique email a request: bench-<run>-<thread>-<n>@example.com.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local run = os.getenv("RUN_ID") or tostring(os.time())
local n = 0

function request()
  n = n + 1
  local body = string.format('{"name":"Bench User","email":"bench-%s-%s-%d@example.com"}', run, tid, n)
  return wrk.format("POST", "/users", { ["Content-Type"] = "application/json" }, body)
end
