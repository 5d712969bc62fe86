-- wrk: GET <path prefix><id> with an id drawn at random per request from a file, one id a line;
-- an optional bearer token goes into Authorization.
--   wrk ... -s get.lua http://127.0.0.1:PORT -- /api/v1/projects/ ids.txt [TOKEN]
local threads = {}
local ids = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  prefix = args[1]
  for line in io.lines(args[2]) do
    ids[#ids + 1] = line
  end
  headers = {}
  if args[3] and args[3] ~= "" then
    headers["Authorization"] = "Bearer " .. args[3]
  end
  math.randomseed(7919 * (tid or 1))
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)], headers)
end
