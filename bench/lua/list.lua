-- GET /users?limit=LIMIT&offset=..., cycling over PAGES pages.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local limit = tonumber(os.getenv("LIST_LIMIT") or "20")
local pages = tonumber(os.getenv("LIST_PAGES") or "50")
local n = 0

function request()
  local page = (tonumber(tid) + n * thread_count()) % pages
  n = n + 1
  return wrk.format("GET", "/users?limit=" .. limit .. "&offset=" .. (page * limit))
end
