#!/usr/bin/env bash
# The registry test servers (adapted from shared/tools/registry-up.sh and ecr-mock-up.sh), all on 127.0.0.1 on
# ports the OS hands out, state under STATE:
#   plain        CNCF distribution (Debian docker-registry), plain HTTP, no auth
#   tls          HTTPS (own CA) + htpasswd Basic; users testuser, AWS (moto's ECR token), oauth2accesstoken (GCP fake)
#   mtls         HTTPS that requires a client certificate signed by the same CA
#   token        plain HTTP + Bearer token auth (token-server.py, tokens live 300 s)
#   token-short  Bearer tokens (expires_in 300 s) behind a paginating proxy (pages of 2) that lets each token make
#                2 tag-list requests and then answers the registry's own 401: a token that stops working mid-scan
#   proxy        registry-proxy.py in front of plain: pagination and faults chosen per request path (see its header)
#   moto         moto_server with SigV4 verification (ECR GetAuthorizationToken); moto-open without it (STS)
#   cloud        cloud-fakes.py: GCE metadata, Azure IMDS / Entra ID, ACR exchange and registry
#   forward-proxy  an HTTP proxy with Basic proxy auth (proxySecretRef)
# and seeds the repositories the tests read. Writes STATE/env (FERRY_TEST_… variables).
#   scripts/services/registry.sh start|stop STATE
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib/common.sh"
cmd=${1:-}; state=${2:-}
[[ -n "$cmd" && -n "$state" ]] || { echo "usage: $0 start|stop STATE" >&2; exit 2; }
mkdir -p "$state"; STATE="$(cd "$state" && pwd)"
TOOLS="$HERE/registry"

if [[ "$cmd" == stop ]]; then stop_all; exit 0; fi
[[ "$cmd" == start ]] || { echo "usage: $0 start|stop STATE" >&2; exit 2; }
for tool in docker-registry htpasswd openssl moto_server; do
  command -v "$tool" >/dev/null || { echo "registry.sh: $tool is missing (scripts/install-deps)" >&2; exit 1; }
done
mkdir -p "$STATE/data" "$STATE/logs" "$STATE/certs" "$STATE/ca" "$STATE/auth"
: > "$STATE/env"

wait_file() {  # wait_file PATH NAME: a python server writes its port there once it listens
  local i
  for ((i = 0; i < 200; i++)); do [[ -s "$1" ]] && return 0; sleep 0.05; done
  echo "registry.sh: $2 did not start; see $STATE/logs/$2.log" >&2; tail -5 "$STATE/logs/$2.log" >&2; return 1
}

# Certificates: a CA, a server certificate for 127.0.0.1/localhost, a client certificate, a token signer.
c="$STATE/certs"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$c/ca.key" -out "$c/ca.crt" -days 3650 -subj "/CN=ferry-test-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$c/server.key" -out "$c/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > "$c/server.ext"
openssl x509 -req -in "$c/server.csr" -CA "$c/ca.crt" -CAkey "$c/ca.key" -CAcreateserial -out "$c/server.crt" -days 3650 -extfile "$c/server.ext" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$c/client.key" -out "$c/client.csr" -subj "/CN=ferry-test-client" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n' > "$c/client.ext"
openssl x509 -req -in "$c/client.csr" -CA "$c/ca.crt" -CAkey "$c/ca.key" -CAcreateserial -out "$c/client.crt" -days 3650 -extfile "$c/client.ext" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$c/token.key" -out "$c/token.crt" -days 3650 -subj "/CN=ferry-test-token-signer" 2>/dev/null
cp "$c/ca.crt" "$STATE/ca/ca.crt"

GCP_TOKEN="gcp-test-access-token-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
USERS=("testuser:testpass" "AWS:123456789012-auth-token" "oauth2accesstoken:$GCP_TOKEN")
: > "$STATE/auth/htpasswd"
for up in "${USERS[@]}"; do htpasswd -Bbn -C 4 "${up%%:*}" "${up#*:}" 2>/dev/null | grep . >> "$STATE/auth/htpasswd"; done
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$STATE/secret"

config() {  # config NAME PORT EXTRA-YAML: writes STATE/NAME.yml
  cat > "$STATE/$1.yml" <<YML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/data
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$2
  secret: $(cat "$STATE/secret")
$3
YML
}
TLS_BLOCK="  tls:
    certificate: $c/server.crt
    key: $c/server.key"

P_PLAIN=$(free_port); config plain "$P_PLAIN" ""
P_TLS=$(free_port); config tls "$P_TLS" "$TLS_BLOCK
auth:
  htpasswd:
    realm: basic-realm
    path: $STATE/auth/htpasswd"
P_MTLS=$(free_port); config mtls "$P_MTLS" "$TLS_BLOCK
    clientcas:
      - $c/ca.crt"
for name in plain tls mtls; do spawn "registry-$name" "$STATE/logs/registry-$name.log" docker-registry serve "$STATE/$name.yml"; done

token_server() {  # token_server NAME EXTRA...: starts token-server.py on a free port, prints the port
  local name=$1 port; shift
  port=$(free_port)
  spawn "$name" "$STATE/logs/$name.log" python3 "$TOOLS/token-server.py" --port "$port" --key "$c/token.key" --cert "$c/token.crt" \
    --issuer ferry-test-issuer --service ferry-test-registry --user testuser:testpass --quiet "$@"
  echo "$port"
}
T_MAIN=$(token_server token-server)
T_SHORT=$(token_server token-server-short)
token_registry() {  # token_registry NAME REALM-PORT
  local port; port=$(free_port)
  config "$1" "$port" "auth:
  token:
    realm: http://127.0.0.1:$2/token
    service: ferry-test-registry
    issuer: ferry-test-issuer
    rootcertbundle: $c/token.crt"
  spawn "registry-$1" "$STATE/logs/registry-$1.log" docker-registry serve "$STATE/$1.yml"
  echo "$port"
}
P_TOKEN=$(token_registry token "$T_MAIN")
P_TOKEN_SHORT=$(token_registry token-short "$T_SHORT")

for port in "$P_PLAIN" "$P_TLS" "$P_MTLS" "$T_MAIN" "$T_SHORT" "$P_TOKEN" "$P_TOKEN_SHORT"; do wait_port "$port" 20; done

spawn proxy "$STATE/logs/proxy.log" python3 "$TOOLS/registry-proxy.py" --port 0 --port-file "$STATE/proxy.port" \
  --upstream "http://127.0.0.1:$P_PLAIN" --quiet
spawn proxy-short "$STATE/logs/proxy-short.log" python3 "$TOOLS/registry-proxy.py" --port 0 --port-file "$STATE/proxy-short.port" \
  --upstream "http://127.0.0.1:$P_TOKEN_SHORT" --default-page 2 --max-page 2 --token-uses 2 --quiet
ASSERTION="federated-token-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
spawn forward-proxy "$STATE/logs/forward-proxy.log" python3 "$TOOLS/forward-proxy.py" --port-file "$STATE/forward-proxy.port" --user proxyuser:proxypass
spawn cloud "$STATE/logs/cloud.log" python3 "$TOOLS/cloud-fakes.py" --port-file "$STATE/cloud.port" --gcp-token "$GCP_TOKEN" --assertion "$ASSERTION"
printf '%s\n' "$ASSERTION" > "$STATE/federated-token"
printf 'web-identity-token-for-moto\n' > "$STATE/web-identity-token"

# moto: one instance verifying SigV4 (an IAM user and key are bootstrapped with its 3 unauthenticated calls), one
# accepting any credentials (STS AssumeRoleWithWebIdentity hands out keys IAM does not know).
M_CHECK=$(free_port); M_OPEN=$(free_port)
INITIAL_NO_AUTH_ACTION_COUNT=3 spawn moto "$STATE/logs/moto.log" moto_server -H 127.0.0.1 -p "$M_CHECK"
spawn moto-open "$STATE/logs/moto-open.log" moto_server -H 127.0.0.1 -p "$M_OPEN"
wait_file "$STATE/proxy.port" proxy; wait_file "$STATE/proxy-short.port" proxy-short; wait_file "$STATE/cloud.port" cloud; wait_file "$STATE/forward-proxy.port" forward-proxy
wait_port "$M_CHECK" 30; wait_port "$M_OPEN" 30
MOTO_EP="http://127.0.0.1:$M_CHECK" python3 - > "$STATE/aws.env" <<'PY'
import json, os, boto3
iam = boto3.client("iam", region_name="us-east-1", endpoint_url=os.environ["MOTO_EP"],
                   aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
iam.create_user(UserName="ci")
iam.put_user_policy(UserName="ci", PolicyName="all", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
k = iam.create_access_key(UserName="ci")["AccessKey"]
print("FERRY_TEST_AWS_ACCESS_KEY_ID=" + k["AccessKeyId"])
print("FERRY_TEST_AWS_SECRET_ACCESS_KEY=" + k["SecretAccessKey"])
PY

# Seed: push the first tag of each repository through the API, write the rest straight into storage.
SEED="$TOOLS/registry-seed.py"
seed() { python3 "$SEED" --registry "127.0.0.1:$P_PLAIN" --fs-root "$STATE/data" "$@" 2>>"$STATE/logs/seed.log"; }
seed --repo team/app --tags 1.0.0,1.1.0,1.2.0,2.0.0-rc.1,latest,sha256-0123abcd.sig
seed --repo paged/app --count 25 --pattern '1.0.{i}'
seed --repo short/app --count 12 --pattern '3.0.{i}'
seed --repo big/app --count 3000 --pattern '5.{i}.0'
seed --repo digest/app --tags 1.0.0,1.1.0 --unique --print-digests > "$STATE/digests-oci.txt"
seed --repo digest/docker --tags 1.0.0 --media docker --print-digests > "$STATE/digests-docker.txt"
python3 "$SEED" --registry "127.0.0.1:$P_PLAIN" --repo empty/app --tags seed 2>>"$STATE/logs/seed.log"
curl -sf -o /dev/null -X DELETE "http://127.0.0.1:$P_PLAIN/v2/empty/app/manifests/$(curl -sfI -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "http://127.0.0.1:$P_PLAIN/v2/empty/app/manifests/seed" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')"

write_env "FERRY_TEST_REGISTRY_PLAIN=127.0.0.1:$P_PLAIN" "FERRY_TEST_REGISTRY_TLS=127.0.0.1:$P_TLS" \
  "FERRY_TEST_REGISTRY_MTLS=127.0.0.1:$P_MTLS" "FERRY_TEST_REGISTRY_CA=$c/ca.crt" \
  "FERRY_TEST_REGISTRY_CLIENT_CERT=$c/client.crt" "FERRY_TEST_REGISTRY_CLIENT_KEY=$c/client.key" \
  "FERRY_TEST_REGISTRY_USER=testuser" "FERRY_TEST_REGISTRY_PASSWORD=testpass" \
  "FERRY_TEST_REGISTRY_TOKEN=127.0.0.1:$P_TOKEN" "FERRY_TEST_TOKEN_SERVER=127.0.0.1:$T_MAIN" \
  "FERRY_TEST_REGISTRY_TOKEN_SHORT=127.0.0.1:$(cat "$STATE/proxy-short.port")" "FERRY_TEST_TOKEN_SERVER_SHORT=127.0.0.1:$T_SHORT" \
  "FERRY_TEST_REGISTRY_PROXY=127.0.0.1:$(cat "$STATE/proxy.port")" \
  "FERRY_TEST_ECR_ENDPOINT=http://127.0.0.1:$M_CHECK" "FERRY_TEST_ECR_OPEN_ENDPOINT=http://127.0.0.1:$M_OPEN" \
  "FERRY_TEST_FORWARD_PROXY=127.0.0.1:$(cat "$STATE/forward-proxy.port")" "FERRY_TEST_FORWARD_PROXY_USER=proxyuser:proxypass" \
  "FERRY_TEST_CLOUD_FAKES=127.0.0.1:$(cat "$STATE/cloud.port")" "FERRY_TEST_GCP_TOKEN=$GCP_TOKEN" \
  "FERRY_TEST_AZURE_FEDERATED_TOKEN_FILE=$STATE/federated-token" "FERRY_TEST_AWS_WEB_IDENTITY_TOKEN_FILE=$STATE/web-identity-token" \
  "FERRY_TEST_REGISTRY_DIGESTS=$STATE/digests-oci.txt" "FERRY_TEST_REGISTRY_DOCKER_DIGESTS=$STATE/digests-docker.txt"
cat "$STATE/aws.env" >> "$STATE/env"
echo "registry services up (state $STATE)"
