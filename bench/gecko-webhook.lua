-- wrk script: every request is a new Gecko "Kunde: Stamdata opdateret" delivery (a customer who accepts the
-- newsletter) with its own numeric customer id and e-mail, so the hub stores each one and none is a repeat.
-- BENCH_ID_BASE (9 digits) keeps the ids of one wrk run apart from every other run against the same database.
-- done() prints one line the harness reads: BENCH {json}.

local base = tonumber(os.getenv("BENCH_ID_BASE") or "100000000")
local phase = os.getenv("BENCH_PHASE") or "accept"
local next_thread = 0
local count = 0

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
end

function request()
  count = count + 1
  local id = base + thread_no * 5000000 + count
  local email = phase .. "." .. id .. "@example.dk"
  local body = '{"CUSTOMERID":"' .. id .. '","CUSTOMERNAME":"Mette Hansen","CUSTOMERFIRSTNAME":"Mette",'
    .. '"CUSTOMERLASTNAME":"Hansen","CUSTOMEREMAIL":"' .. email .. '","CUSTOMERMOBILE":"+45 20 30 40 50",'
    .. '"CUSTOMERPOSTALCODE":"2100","CUSTOMERBIRTHDAY":"1990-01-01","CUSTOMERACCEPTSMARKETINGEMAIL":"ja",'
    .. '"CUSTOMERACCEPTSMARKETINGSMS":"0","CUSTOMERTAGS":[{"CUSTOMERTAGID":"7","CUSTOMERTAGNAME":"VIP","CUSTOMERTAGVALUE":""}]}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format('BENCH {"requests":%d,"micros":%d,"p50":%d,"p99":%d,"max":%d,"failed":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, failed))
end
