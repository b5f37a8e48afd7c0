-- GET /: no database, no cache; the service's own ceiling.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/"
