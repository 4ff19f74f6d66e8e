#!/usr/bin/env bash
# Stand-in GitHub, GitLab, Gitea/Forgejo and Bitbucket Cloud APIs for the pull-request tests
# (scripts/services/forge-server.py, python stdlib only), on loopback ports the OS hands out.
#   scripts/services/forge.sh start STATE   # writes STATE/env with FERRY_TEST_FORGE_* variables
#   scripts/services/forge.sh stop STATE
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib/common.sh"
command=${1:?usage: forge.sh start|stop STATE}
STATE=$(mkdir -p "${2:?usage: forge.sh start|stop STATE}" && cd "$2" && pwd)

case "$command" in
  start)
    rm -f "$STATE/env"
    github=$(free_port); gitlab=$(free_port); gitea=$(free_port); bitbucket=$(free_port)
    spawn forge "$STATE/forge.log" python3 "$HERE/forge-server.py" --github "$github" --gitlab "$gitlab" --gitea "$gitea" \
      --bitbucket "$bitbucket"
    for port in "$github" "$gitlab" "$gitea" "$bitbucket"; do wait_port "$port" 20; done
    write_env "FERRY_TEST_FORGE_GITHUB=http://127.0.0.1:$github" "FERRY_TEST_FORGE_GITLAB=http://127.0.0.1:$gitlab" \
      "FERRY_TEST_FORGE_GITEA=http://127.0.0.1:$gitea" "FERRY_TEST_FORGE_BITBUCKET=http://127.0.0.1:$bitbucket"
    ;;
  stop)
    stop_all
    ;;
  *)
    echo "usage: forge.sh start|stop STATE" >&2; exit 2 ;;
esac
