-- Assign / unassign pairs: thread k (one connection each) owns line k of $BENCH_PAIRS
-- ("license_id user_id") and alternates POST …/assign and POST …/unassign on it.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local pairs_list = {}
for line in io.lines(os.getenv("BENCH_PAIRS")) do
  local license, user = line:match("(%S+)%s+(%S+)")
  pairs_list[#pairs_list + 1] = { license, user }
end
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("slot", thread_no)
end

local assigning = true
local post_headers = nil

function init(args)
  post_headers = { ["Authorization"] = headers["Authorization"], ["Content-Type"] = "application/json" }
end

function request()
  local pair = pairs_list[(slot - 1) % #pairs_list + 1]
  local path
  local body = nil
  if assigning then
    path = "/api/v1/licenses/" .. pair[1] .. "/assign"
    body = '{"user_id":"' .. pair[2] .. '"}'
  else
    path = "/api/v1/licenses/" .. pair[1] .. "/unassign"
  end
  return wrk.format("POST", path, post_headers, body)
end

-- The pair advances on the answer, not on request(): wrk may build a request it never sends.
local reported = 0
function response(status, headers, body)
  assigning = not assigning
  if status >= 300 and reported < 3 then
    reported = reported + 1
    io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n")
  end
end
