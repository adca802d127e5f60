-- wrk script for a server-only measure of vote ingestion (the client in its own process, in C).
-- Usage: wrk -t2 -c16 -d20s -s bench/votes.lua http://127.0.0.1:8080/api/assemblies/ID/votes
-- Each request is a random vote by one of 1000 participants on one of 100 statements, with a unique request id.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  math.randomseed(tid * 7919 + 1)
  participants = tonumber(os.getenv("BENCH_PARTICIPANTS") or "1000")
  statements = tonumber(os.getenv("BENCH_STATEMENTS") or "100")
end

local values = {"agree", "disagree", "pass"}

function request()
  counter = counter + 1
  local body = string.format('{"participantId":%d,"statementId":%d,"vote":"%s","clientRequestId":"wrk-%d-%d-%d"}',
    math.random(0, participants - 1), math.random(0, statements - 1), values[math.random(1, 3)], tid, os.time(), counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
