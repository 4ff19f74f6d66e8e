# Shared helpers for the test services (sourced by scripts/services/*.sh).
# Every service runs on 127.0.0.1 on ports the OS hands out, keeps its state in the folder it
# is given, records the pids it started under STATE/pids and stops only those.

# free_port: prints a TCP port on 127.0.0.1 that is free now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# spawn NAME LOG CMD...: starts CMD in its own session, records its pid as STATE/pids/NAME.
spawn() {
  local name=$1 log=$2; shift 2
  mkdir -p "$STATE/pids"
  setsid "$@" >"$log" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/$name"
}

# wait_port PORT [SECONDS]: waits until something accepts on 127.0.0.1:PORT.
wait_port() {
  local port=$1 limit=${2:-20} i
  for ((i = 0; i < limit * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "service on port $port did not start within ${limit}s" >&2
  return 1
}

# stop_all: stops every process this service recorded (and its session).
stop_all() {
  local f pid
  [[ -d "$STATE/pids" ]] || return 0
  for f in "$STATE"/pids/*; do
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

# write_env KEY=VALUE...: appends to STATE/env, which scripts/test exports to the tests.
write_env() {
  local kv
  for kv in "$@"; do printf '%s\n' "$kv" >> "$STATE/env"; done
}
