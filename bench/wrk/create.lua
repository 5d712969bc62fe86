-- wrk: POST a new project per request with a unique key <prefix><thread><counter> (at most 10
-- characters: a 2-letter prefix per run, 1 digit of thread, up to 7 of counter); an optional
-- bearer token goes into Authorization.
--   wrk ... -s create.lua http://127.0.0.1:PORT -- /api/v1/projects XY [TOKEN]
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  path = args[1]
  prefix = args[2]
  headers = { ["Content-Type"] = "application/json" }
  if args[3] and args[3] ~= "" then
    headers["Authorization"] = "Bearer " .. args[3]
  end
end

function request()
  counter = counter + 1
  local key = string.format("%s%d%d", prefix, tid, counter)
  local body = '{"key":"' .. key .. '","name":"Bench project ' .. key
    .. '","description":"Created by bench/run","methodology":"AGILE",'
    .. '"startDate":"2026-01-05","targetDate":"2026-09-30"}'
  return wrk.format("POST", path, headers, body)
end
