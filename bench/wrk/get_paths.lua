-- GET the paths listed in $BENCH_PATHS (one per line), round robin, each thread from its own offset.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local next_index = 1
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("start", thread_no)
end

function init(args)
  next_index = (start or 1) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path, headers)
end
