-- The workload of deploy/load/run.sh for wrk 4.x (LuaJIT). Run it with ONE CONNECTION PER THREAD
-- (wrk -t N -c N): then request() and response() of a thread strictly alternate, so the script can time every
-- request itself (clock_gettime through LuaJIT's ffi) and keep the latencies per class and per endpoint.
--
--   NML_LOAD_MODE    mixed (default) or health (GET /health/live only: the baseline, timed the same way)
--   NML_LOAD_IDS     the Lua table written by `NML.Matching.Load export` (ids, keys, request bodies)
--   NML_LOAD_MIX     reads,rankings,writes in percent (default 70,20,10)
--   NML_LOAD_RESULT  where done() writes its JSON summary (optional)
--   NML_LOAD_ONLY    only the requests whose name starts with this (read:, rank:unit-candidates, ...): for
--                    service times per endpoint (run.sh's diagnostics, one connection)
--   NML_LOAD_RAW     a directory for one line per response and thread (completion time, latency, status, name);
--                    done() reads them back. (wrk 4.1's thread:get cannot copy nested tables: it crashes.)
--
-- Reads: lists and single candidates, units and matches, the gemeenten and the monitoring summary, each with
-- a key of a role that may see them. Rankings: /units/{id}/candidates and /candidates/{id}/units (limit 20).
-- Writes: per thread a cycle of five calls: register a candidate (care provider), post a unit (corporation or
-- care provider), propose the pair by hand (Matchingspunt, with an override reason), nominate, decline.
-- An error is a socket error, a timeout, a 5xx, or a 4xx other than an expected one (409 on a write: a
-- concurrent change). None is expected in this workload, so any 4xx is reported.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } nml_timespec_t;
int clock_gettime(int clk_id, nml_timespec_t *tp);
]]
local ts = ffi.new("nml_timespec_t")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local mode = os.getenv("NML_LOAD_MODE") or "mixed"
local data = nil
if mode == "mixed" then data = dofile(assert(os.getenv("NML_LOAD_IDS"), "NML_LOAD_IDS is not set")) end

local function mix()
  local r, k, w = string.match(os.getenv("NML_LOAD_MIX") or "70,20,10", "(%d+),(%d+),(%d+)")
  local total = tonumber(r) + tonumber(k) + tonumber(w)
  return tonumber(r) / total, (tonumber(r) + tonumber(k)) / total
end
local read_share, read_rank_share = mix()
local only = os.getenv("NML_LOAD_ONLY")
if only == "" then only = nil end

-- ---------------------------------------------------------------- main thread: threads and the summary
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

-- ---------------------------------------------------------------- worker threads
local raw_dir = os.getenv("NML_LOAD_RAW") or "/tmp"
local out = nil    -- this thread's file of responses, line-buffered so that done() sees every line
local pending = nil
local run_tag = nil
local seq = 0
local write_state = { step = 1 }

local function pick(list) return list[math.random(#list)] end

function init(args)
  math.randomseed((tid or 0) * 7919 + os.time())
  for _ = 1, 10 do math.random() end
  run_tag = string.format("%x-t%d", os.time(), tid or 0)
  out = assert(io.open(string.format("%s/thread-%d.txt", raw_dir, tid or 0), "w"))
  out:setvbuf("line")
end

local function get(name, path, key)
  return name, "GET", path, key, nil
end

local function read_request()
  local r = math.random(80)
  if r <= 16 then
    local who = math.random(3)
    local filter = (math.random(2) == 1) and "&status=Ready" or ""
    local size = (math.random(2) == 1) and 20 or 50
    local key = who == 1 and pick(data.matchingspunten) or who == 2 and pick(data.providers) or pick(data.gemeenten)[2]
    return get("read:list-candidates", "/api/v1/candidates?pageSize=" .. size .. filter, key)
  elseif r <= 28 then
    local who = math.random(3)
    local filter = (math.random(2) == 1) and "&status=Available" or ""
    local key = who == 1 and pick(data.matchingspunten) or who == 2 and pick(data.corporations) or pick(data.gemeenten)[2]
    return get("read:list-units", "/api/v1/units?pageSize=20" .. filter, key)
  elseif r <= 40 then
    local c = pick(data.candidates)
    return get("read:get-candidate", "/api/v1/candidates/" .. c[1], (math.random(2) == 1) and c[2] or pick(data.matchingspunten))
  elseif r <= 52 then
    local u = pick(data.units)
    return get("read:get-unit", "/api/v1/units/" .. u[1], (math.random(2) == 1) and u[2] or pick(data.matchingspunten))
  elseif r <= 60 then
    return get("read:gemeenten", "/api/v1/gemeenten?region=NML", pick(data.gemeenten)[2])
  elseif r <= 68 then
    local who = math.random(4)
    local key = who == 1 and pick(data.matchingspunten) or who == 2 and pick(data.corporations)
        or who == 3 and pick(data.providers) or pick(data.gemeenten)[2]
    return get("read:list-matches", "/api/v1/matches?pageSize=20", key)
  elseif r <= 74 then
    return get("read:get-match", "/api/v1/matches/" .. pick(data.matches), pick(data.matchingspunten))
  else
    if math.random(2) == 1 then
      return get("read:monitoring-summary", "/api/v1/monitoring/summary?regionCode=NML", pick(data.matchingspunten))
    end
    local g = pick(data.gemeenten)
    return get("read:monitoring-summary", "/api/v1/monitoring/summary?gemeente=" .. g[1], g[2])
  end
end

local function ranking_request()
  if math.random(2) == 1 then
    local u = pick(data.units)
    local key = (math.random(2) == 1) and u[2] or pick(data.matchingspunten)
    return get("rank:unit-candidates", "/api/v1/units/" .. u[1] .. "/candidates?limit=20", key)
  end
  local c = pick(data.candidates)
  local key = (math.random(2) == 1) and c[2] or pick(data.matchingspunten)
  return get("rank:candidate-units", "/api/v1/candidates/" .. c[1] .. "/units?limit=20", key)
end

local function write_request()
  local s = write_state
  local mp = data.matchingspunten[((tid or 1) % #data.matchingspunten) + 1]
  if s.step == 1 then
    seq = seq + 1
    local b = data.candidate_bodies[((tid or 1) * 997 + seq) % #data.candidate_bodies + 1]
    return "write:register-candidate", "POST", "/api/v1/candidates", b[1], (string.gsub(b[2], "__REF__", run_tag .. "-" .. seq))
  elseif s.step == 2 then
    local b = data.unit_bodies[((tid or 1) * 991 + seq) % #data.unit_bodies + 1]
    return "write:post-unit", "POST", "/api/v1/units", b[1], (string.gsub(b[2], "__REF__", run_tag .. "-" .. seq))
  elseif s.step == 3 then
    return "write:propose", "POST", "/api/v1/matches", mp,
        '{"unitId":"' .. s.unit .. '","candidateId":"' .. s.candidate .. '","overrideReason":"Belastingtest: voorstel met de hand"}'
  elseif s.step == 4 then
    return "write:nominate", "POST", "/api/v1/matches/" .. s.match .. "/nominate", mp, nil
  else
    return "write:decline", "POST", "/api/v1/matches/" .. s.match .. "/decline", mp,
        '{"by":"Matchingspunt","reasonCode":"matchingspunt-betere-match"}'
  end
end

local function advance(status, body)
  local s = write_state
  if status ~= 200 and status ~= 201 then
    s.step = 1 -- start a new cycle with fresh records
    return
  end
  local id = body and string.match(body, '"id"%s*:%s*"([0-9a-fA-F%-]+)"')
  if s.step == 1 then s.candidate = id
  elseif s.step == 2 then s.unit = id
  elseif s.step == 3 then s.match = id end
  if s.step <= 3 and not id then s.step = 1 return end
  s.step = (s.step % 5) + 1
end

function request()
  -- A request that never got its response shows in wrk's socket errors (read, timeout); it is simply replaced here.
  -- (wrk also calls request() once on the first thread's state, before the run, to check the script.)
  local name, method, path, key, body
  if mode == "health" then
    name, method, path = "health:live", "GET", "/health/live"
  else
    for _ = 1, 1000 do
      local r = math.random()
      if r < read_share then name, method, path, key, body = read_request()
      elseif r < read_rank_share then name, method, path, key, body = ranking_request()
      else name, method, path, key, body = write_request() end
      if not only or string.sub(name, 1, #only) == only then break end
    end
  end
  local headers = {}
  if key then headers["X-Api-Key"] = key end
  if body then headers["Content-Type"] = "application/json" end
  pending = { name = name, t0 = now_ms() }
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  local t1 = now_ms()
  local p = pending
  pending = nil
  if not p then return end
  out:write(string.format("%.3f %.3f %d %s\n", t1, t1 - p.t0, status, p.name))
  if string.sub(p.name, 1, 6) == "write:" then advance(status, body) end
end

-- ---------------------------------------------------------------- the summary (main thread)
local function percentile(sorted, q)
  if #sorted == 0 then return 0 end
  local i = math.ceil(q * #sorted)
  if i < 1 then i = 1 end
  return sorted[i]
end

local function class_of(name) return string.match(name, "^(%a+):") end

local function is_error(name, status)
  if status >= 500 or status < 200 then return true end
  if status >= 400 then return not (class_of(name) == "write" and status == 409) end
  return false
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local by_name, by_class = {}, {}
  for i = 1, thread_count do
    for line in io.lines(string.format("%s/thread-%d.txt", raw_dir, i)) do
      local _, ms, status, name = string.match(line, "^(%S+) (%S+) (%S+) (%S+)$")
      ms, status = tonumber(ms), tonumber(status)
      do
        local n = by_name[name] or { lat = {}, codes = {} }
        by_name[name] = n
        local cls = class_of(name)
        local c = by_class[cls] or { lat = {}, codes = {}, errors = 0, expected4xx = 0 }
        by_class[cls] = c
        n.lat[#n.lat + 1] = ms
        c.lat[#c.lat + 1] = ms
        n.codes[status] = (n.codes[status] or 0) + 1
        c.codes[status] = (c.codes[status] or 0) + 1
        if is_error(name, status) then c.errors = c.errors + 1
        elseif status >= 400 then c.expected4xx = c.expected4xx + 1 end
      end
    end
  end

  local all = { lat = {}, errors = 0, expected4xx = 0 }
  local lines, json = {}, {}
  local function row(label, lat, codes, errors, expected)
    table.sort(lat)
    local sum = 0
    for _, v in ipairs(lat) do sum = sum + v end
    local codes_text = {}
    for status, count in pairs(codes or {}) do codes_text[#codes_text + 1] = status .. "x" .. count end
    table.sort(codes_text)
    local r = {
      name = label, count = #lat, rps = #lat / seconds, mean = (#lat > 0) and sum / #lat or 0,
      p50 = percentile(lat, 0.50), p95 = percentile(lat, 0.95), p99 = percentile(lat, 0.99), max = lat[#lat] or 0,
      errors = errors or 0, expected4xx = expected or 0, codes = table.concat(codes_text, " "),
    }
    lines[#lines + 1] = string.format("| %-28s | %8d | %8.1f | %8.2f | %8.2f | %8.2f | %8.2f | %9.2f | %6d | %s |",
      label, r.count, r.rps, r.mean, r.p50, r.p95, r.p99, r.max, r.errors, r.codes)
    json[#json + 1] = string.format(
      '{"name":"%s","count":%d,"rps":%.2f,"mean":%.3f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"errors":%d,"expected4xx":%d,"codes":"%s"}',
      label, r.count, r.rps, r.mean, r.p50, r.p95, r.p99, r.max, r.errors, r.expected4xx, r.codes)
  end

  lines[#lines + 1] = "| class / endpoint             | requests |    req/s |  mean ms |   p50 ms |   p95 ms |   p99 ms |    max ms | errors | statuses |"
  lines[#lines + 1] = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  local classes = {}
  for cls in pairs(by_class) do classes[#classes + 1] = cls end
  table.sort(classes)
  for _, cls in ipairs(classes) do
    local c = by_class[cls]
    for _, v in ipairs(c.lat) do all.lat[#all.lat + 1] = v end
    all.errors = all.errors + c.errors
    all.expected4xx = all.expected4xx + c.expected4xx
  end
  row("ALL", all.lat, nil, all.errors, all.expected4xx)
  for _, cls in ipairs(classes) do
    local c = by_class[cls]
    row(cls, c.lat, c.codes, c.errors, c.expected4xx)
  end
  local names = {}
  for name in pairs(by_name) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local n = by_name[name]
    local errors = 0
    for status, count in pairs(n.codes) do if is_error(name, status) then errors = errors + count end end
    row("  " .. name, n.lat, n.codes, errors, nil)
  end

  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("\n%s workload, %.1f s, %d threads x 1 connection: %d responses, %.1f req/s; errors %d (HTTP %d, socket %d), expected 4xx %d (wrk: %d requests, %d non-2xx/3xx)\n",
    mode, seconds, thread_count, #all.lat, #all.lat / seconds, all.errors + socket_errors, all.errors, socket_errors, all.expected4xx,
    summary.requests, e.status))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("wrk's own latency (all requests): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(table.concat(lines, "\n"), "\n")

  local path = os.getenv("NML_LOAD_RESULT")
  if path then
    local f = assert(io.open(path, "w"))
    f:write(string.format('{"mode":"%s","seconds":%.3f,"threads":%d,"responses":%d,"rps":%.2f,"socketErrors":%d,"timeouts":%d,',
      mode, seconds, thread_count, #all.lat, #all.lat / seconds, socket_errors, e.timeout))
    f:write(string.format('"wrk":{"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f},', latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
    f:write('"rows":[', table.concat(json, ","), "]}\n")
    f:close()
  end
end
