#!/usr/bin/env bash
# A stand-in for Google's token-info endpoint for the gcr Receiver tests of FerryServer
# (scripts/services/google-tokeninfo.py), and a port where nothing listens.
#   scripts/services/server.sh start STATE   # writes STATE/env with FERRY_TEST_GOOGLE_TOKENINFO*
#   scripts/services/server.sh stop STATE
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib/common.sh"
command=${1:?usage: server.sh start|stop STATE}
STATE=$(mkdir -p "${2:?usage: server.sh start|stop STATE}" && cd "$2" && pwd)

case "$command" in
  start)
    rm -f "$STATE/env"
    port=$(free_port); down=$(free_port)
    spawn google-tokeninfo "$STATE/google-tokeninfo.log" python3 "$HERE/google-tokeninfo.py" --port "$port"
    wait_port "$port" 20
    write_env "FERRY_TEST_GOOGLE_TOKENINFO=http://127.0.0.1:$port" "FERRY_TEST_GOOGLE_TOKENINFO_DOWN=http://127.0.0.1:$down/tokeninfo"
    ;;
  stop)
    stop_all
    ;;
  *)
    echo "usage: server.sh start|stop STATE" >&2; exit 2 ;;
esac
