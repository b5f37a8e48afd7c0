-- GET /users/{id}, walking ids ID_FIRST .. ID_FIRST + ID_COUNT - 1, every thread on its own
-- stride so the threads never ask for the same id at the same time.
--   cached run:   a small range, read once before (warm-up), so every read is a cache hit;
--   uncached run: a range larger than the run can read, after FLUSHALL, so every read is a miss.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local first = tonumber(os.getenv("ID_FIRST") or "1")
local count = tonumber(os.getenv("ID_COUNT") or "1000")
n = 0  -- global, so that common.lua's done() can read it from each thread (id_span)

function request()
  local i = tonumber(tid) + n * thread_count()
  n = n + 1
  return wrk.format("GET", "/users/" .. (first + (i % count)))
end
