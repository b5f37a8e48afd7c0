-- Shared by every bench scenario: gives each wrk thread its index (global tid), and
-- writes the run's summary as one JSON object to $WRK_JSON when wrk finishes.
local next_index = 0
local threads = {}

function setup(thread)
  thread:set("tid", next_index)
  next_index = next_index + 1
  table.insert(threads, thread)
end

-- Scripts that walk ids (by_id.lua) count each thread's requests in the global n; thread t has
-- then walked offsets t, t + T, ... The span is one past the highest: the threads run at their
-- own pace, so it can exceed the number of requests.
local function id_span()
  local span = 0
  for _, thread in ipairs(threads) do
    local n = tonumber(thread:get("n")) or 0
    if n > 0 then
      span = math.max(span, tonumber(thread:get("tid")) + (n - 1) * thread_count() + 1)
    end
  end
  return span
end

-- rps and errors (the sum of wrk's five error counters) are derived here, once, for every reader.
function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("WRK_JSON"), "w"))
  local e = summary.errors
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "rps": %.3f, "bytes": %d, "errors": %d, "errors_connect": %d, '
      .. '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d, '
      .. '"lat_p50_us": %d, "lat_p90_us": %d, "lat_p99_us": %d, "lat_max_us": %d, "lat_mean_us": %.1f, '
      .. '"id_span": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6), summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    id_span()))
  out:close()
end

-- The -t of the wrk command line (run.sh exports it), to give each thread its own stride.
function thread_count()
  return tonumber(os.getenv("WRK_THREADS") or "1")
end
