#!/usr/bin/env bash
# Recording HTTP(S) endpoints for the notification tests (scripts/services/notify-server.py):
# plain, TLS with a test CA, a bad (self-signed) certificate, mutual TLS, a recording proxy, and a
# port where nothing listens. Certificates are made with openssl at start.
#   scripts/services/notify.sh start STATE   # writes STATE/env with FERRY_TEST_NOTIFY_* variables
#   scripts/services/notify.sh stop STATE
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib/common.sh"
command=${1:?usage: notify.sh start|stop STATE}
STATE=$(mkdir -p "${2:?usage: notify.sh start|stop STATE}" && cd "$2" && pwd)

make_certs() {
  local d=$STATE/certs
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ferry notify test CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$d/server.ext"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$d/server.key" -out "$d/server.csr" >/dev/null 2>&1
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/server.ext" -out "$d/server.crt" >/dev/null 2>&1
  printf 'extendedKeyUsage=clientAuth\n' > "$d/client.ext"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=ferry notify client" -keyout "$d/client.key" -out "$d/client.csr" >/dev/null 2>&1
  openssl x509 -req -in "$d/client.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/client.ext" -out "$d/client.crt" >/dev/null 2>&1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$d/bad.key" -out "$d/bad.crt" >/dev/null 2>&1
}

case "$command" in
  start)
    rm -f "$STATE/env"
    make_certs
    http=$(free_port); https=$(free_port); bad=$(free_port); mtls=$(free_port); proxy=$(free_port); down=$(free_port)
    spawn notify "$STATE/notify.log" python3 "$HERE/notify-server.py" --http "$http" --https "$https" --bad-tls "$bad" \
      --mtls "$mtls" --proxy "$proxy" --certs "$STATE/certs"
    for port in "$http" "$https" "$bad" "$mtls" "$proxy"; do wait_port "$port" 20; done
    write_env "FERRY_TEST_NOTIFY_HTTP=http://127.0.0.1:$http" "FERRY_TEST_NOTIFY_HTTPS=https://127.0.0.1:$https" \
      "FERRY_TEST_NOTIFY_BAD_TLS=https://127.0.0.1:$bad" "FERRY_TEST_NOTIFY_MTLS=https://127.0.0.1:$mtls" \
      "FERRY_TEST_NOTIFY_PROXY=http://127.0.0.1:$proxy" "FERRY_TEST_NOTIFY_DOWN=http://127.0.0.1:$down" \
      "FERRY_TEST_NOTIFY_CERTS=$STATE/certs"
    ;;
  stop)
    stop_all
    ;;
  *)
    echo "usage: notify.sh start|stop STATE" >&2; exit 2 ;;
esac
