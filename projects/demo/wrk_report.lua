-- wrk script of projects/demo/load.py.
--
-- Targets: the environment variable WRK_TARGETS holds one line per web host,
-- « host<TAB>port<TAB>cookie »; wrk's threads are given to the hosts in turn (thread
-- address, Host and Cookie headers), so one wrk run spreads its connections over them
-- and its percentiles cover every request. Without it, wrk's own URL and -H headers apply.
--
-- Errors: every answer other than 200 counts (a 3xx means the session is lost); each
-- thread counts its own, done() sums them. Once done, one line on stdout:
-- « wrk-report {json} » with the summary, the errors and wrk's latency percentiles (µs).

local targets = {}
for line in (os.getenv("WRK_TARGETS") or ""):gmatch("[^\n]+") do
   local host, port, cookie = line:match("^([^\t]*)\t([^\t]*)\t?(.*)$")
   if host then
      targets[#targets + 1] = {host = host, port = port, cookie = cookie}
   end
end

-- setup() and done() run in the main environment: keep the threads to read their counters.
local threads = {}

function setup(thread)
   threads[#threads + 1] = thread
   if #targets > 0 then
      local target = targets[(#threads - 1) % #targets + 1]
      thread.addr = wrk.lookup(target.host, target.port)[1]
      thread:set("target_host", target.host .. ":" .. target.port)
      thread:set("target_cookie", target.cookie)
   end
end

-- In each thread, before wrk builds its request.
function init(args)
   if target_host then
      wrk.headers["Host"] = target_host
   end
   if target_cookie and target_cookie ~= "" then
      wrk.headers["Cookie"] = target_cookie
   end
end

not_ok = 0

function response(status, headers, body)
   if status ~= 200 then
      not_ok = not_ok + 1
   end
end

function done(summary, latency, requests)
   local answered_not_ok = 0
   for _, thread in ipairs(threads) do
      answered_not_ok = answered_not_ok + thread:get("not_ok")
   end
   local errors = summary.errors
   io.write(string.format(
      'wrk-report {"requests":%d,"duration_us":%d,"not_ok":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},' ..
      '"latency_us":{"p50":%d,"p95":%d,"p99":%d,"max":%d}}\n',
      summary.requests, summary.duration, answered_not_ok,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
