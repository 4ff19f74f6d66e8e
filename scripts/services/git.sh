#!/usr/bin/env bash
# Loopback Git servers for the FerryGit tests, over one directory of bare repositories.
#   scripts/services/git.sh start STATE    # writes STATE/env
#   scripts/services/git.sh stop STATE
# Adapted from the team's shared/tools/git-server-up.sh: every port comes from the OS, state
# lives under STATE, and every server reads STATE/server.gitconfig (push options advertised,
# HTTP push on), so the repositories the tests create need no configuration of their own.
#
# Servers (all 127.0.0.1):
#   git daemon with receive-pack (anonymous push: tests only)      FERRY_TEST_GIT_DAEMON_URL
#   smart HTTP with Basic or Bearer auth (git-http-server.py)      FERRY_TEST_GIT_HTTP_URL, _HTTP_USER, _HTTP_PASSWORD, _HTTP_TOKEN
#   SSH (sshd, key only, forced command serving git only)          FERRY_TEST_GIT_SSH_URL, _SSH_KEY, _SSH_KNOWN_HOSTS
#   a TCP server that accepts and never answers (timeouts)         FERRY_TEST_GIT_SILENT_URL
# and: FERRY_TEST_GIT_REPOS (create bare repos here, one per test, unique names),
# FERRY_TEST_GIT_CLOSED_URL (nothing listens), FERRY_TEST_GIT_SSH_WRONG_KNOWN_HOSTS (another host key),
# signing keys: FERRY_TEST_GIT_GPG_KEY (+ _GPG_PASSPHRASE, _GPG_PUBLIC, _GPG_PLAIN_KEY, _GPG_TWO_KEYS),
# FERRY_TEST_GIT_SSH_SIGNING_KEY (+ _SSH_SIGNING_PASSWORD, _SSH_ALLOWED_SIGNERS).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib/common.sh"
cmd=${1:-}; state=${2:-}
[[ -n "$cmd" && -n "$state" ]] || { echo "usage: $0 start|stop STATE" >&2; exit 2; }
mkdir -p "$state"
STATE="$(cd "$state" && pwd)"

start() {
  stop_all
  rm -f "$STATE/env"
  rm -rf "$STATE/ssh" "$STATE/signing"   # keys are made anew at each start
  mkdir -p "$STATE/repos" "$STATE/logs" "$STATE/run"
  local user=ferry-tester pass token
  pass="pw-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  token="tok-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  cat > "$STATE/server.gitconfig" <<CONF
[receive]
	advertisePushOptions = true
	denyNonFastForwards = false
[http]
	receivepack = true
[uploadpack]
	allowAnySHA1InWant = true
[safe]
	directory = *
CONF
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$STATE/server.gitconfig"

  local daemon; daemon=$(free_port)
  spawn git-daemon "$STATE/logs/git-daemon.log" git daemon --reuseaddr --listen=127.0.0.1 --port="$daemon" \
    --base-path="$STATE/repos" --export-all --enable=receive-pack --informative-errors "$STATE/repos"
  wait_port "$daemon"

  local http; http=$(free_port)
  spawn git-http "$STATE/logs/git-http.log" python3 "$HERE/git-http-server.py" --port "$http" --root "$STATE/repos" \
    --user "$user:$pass" --bearer-token "$token" --quiet --git-config "$STATE/server.gitconfig"
  wait_port "$http"

  local silent; silent=$(free_port)
  spawn git-silent "$STATE/logs/git-silent.log" python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(64)
held = []
while True:
    c, _ = s.accept(); held.append(c)   # accept, read nothing, answer nothing
' "$silent"
  wait_port "$silent"

  local ssh; ssh=$(free_port)
  local s="$STATE/ssh" me; me="$(id -un)"
  mkdir -p "$s"
  ssh-keygen -q -t ed25519 -N '' -C ferry-test-host -f "$s/host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C ferry-test-other-host -f "$s/other_host_key"
  ssh-keygen -q -t ed25519 -N '' -C ferry-test-client -f "$s/client_key"
  cat > "$s/git-only.sh" <<SH
#!/bin/sh
# forced command: serve only git, map the requested path onto $STATE/repos
set -eu
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$STATE/server.gitconfig"
c="\${SSH_ORIGINAL_COMMAND:-}"
verb="\${c%% *}"; arg="\${c#* }"
case "\$verb" in git-upload-pack|git-receive-pack) ;; *) echo "only git is served here" >&2; exit 1;; esac
arg="\${arg#\\'}"; arg="\${arg%\\'}"; arg="\${arg#/}"
case "\$arg" in ""|*..*|*\\'*) echo "bad repository path" >&2; exit 1;; esac
exec git "\${verb#git-}" "$STATE/repos/\$arg"
SH
  chmod 755 "$s/git-only.sh"
  echo "command=\"$s/git-only.sh\",restrict $(cat "$s/client_key.pub")" > "$s/authorized_keys"
  chmod 600 "$s/authorized_keys"
  echo "[127.0.0.1]:$ssh $(cut -d' ' -f1,2 "$s/host_ed25519_key.pub")" > "$s/known_hosts"
  echo "[127.0.0.1]:$ssh $(cut -d' ' -f1,2 "$s/other_host_key.pub")" > "$s/wrong_known_hosts"
  cat > "$s/sshd_config" <<CONF
Port $ssh
ListenAddress 127.0.0.1
HostKey $s/host_ed25519_key
PidFile $STATE/run/sshd.pid
AuthorizedKeysFile $s/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $me
UsePAM no
StrictModes no
PrintMotd no
X11Forwarding no
AllowTcpForwarding no
PermitTTY no
AcceptEnv GIT_PROTOCOL
MaxStartups 64:30:128
LogLevel ERROR
CONF
  [[ $EUID == 0 && ! -d /run/sshd ]] && mkdir -p /run/sshd && chmod 755 /run/sshd
  spawn sshd "$STATE/logs/sshd.log" /usr/sbin/sshd -D -e -f "$s/sshd_config"
  wait_port "$ssh"

  # Signing keys: OpenPGP (one protected, one not) and SSH (password protected).
  local k="$STATE/signing" gpgpass sshpass
  mkdir -p "$k/gnupg"; chmod 700 "$k/gnupg"
  gpgpass="gpg-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  sshpass="ssh-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  local g=(gpg --homedir "$k/gnupg" --batch --no-tty --pinentry-mode loopback)
  "${g[@]}" --passphrase "$gpgpass" --quick-gen-key 'Ferry Signer <signer@ferry.invalid>' ed25519 sign never 2>/dev/null
  "${g[@]}" --passphrase '' --quick-gen-key 'Ferry Plain <plain@ferry.invalid>' ed25519 sign never 2>/dev/null
  "${g[@]}" --passphrase "$gpgpass" --armor --export-secret-keys signer@ferry.invalid > "$k/git.asc"
  "${g[@]}" --passphrase '' --armor --export-secret-keys plain@ferry.invalid > "$k/plain.asc"
  "${g[@]}" --armor --export > "$k/public.asc"
  cat "$k/git.asc" "$k/plain.asc" > "$k/two-keys.asc"
  gpgconf --homedir "$k/gnupg" --kill gpg-agent 2>/dev/null || true
  ssh-keygen -q -t ed25519 -N "$sshpass" -C signer@ferry.invalid -f "$k/ssh_signing"
  echo "signer@ferry.invalid $(cut -d' ' -f1,2 "$k/ssh_signing.pub")" > "$k/allowed_signers"

  write_env "FERRY_TEST_GIT_REPOS=$STATE/repos" \
    "FERRY_TEST_GIT_DAEMON_URL=git://127.0.0.1:$daemon" \
    "FERRY_TEST_GIT_HTTP_URL=http://127.0.0.1:$http" \
    "FERRY_TEST_GIT_HTTP_USER=$user" \
    "FERRY_TEST_GIT_HTTP_PASSWORD=$pass" \
    "FERRY_TEST_GIT_HTTP_TOKEN=$token" \
    "FERRY_TEST_GIT_SSH_URL=ssh://$me@127.0.0.1:$ssh" \
    "FERRY_TEST_GIT_SSH_KEY=$s/client_key" \
    "FERRY_TEST_GIT_SSH_KNOWN_HOSTS=$s/known_hosts" \
    "FERRY_TEST_GIT_SSH_WRONG_KNOWN_HOSTS=$s/wrong_known_hosts" \
    "FERRY_TEST_GIT_SILENT_URL=http://127.0.0.1:$silent/never.git" \
    "FERRY_TEST_GIT_CLOSED_URL=http://127.0.0.1:$(free_port)/closed.git" \
    "FERRY_TEST_GIT_SERVER_CONFIG=$STATE/server.gitconfig" \
    "FERRY_TEST_GIT_GPG_KEY=$k/git.asc" \
    "FERRY_TEST_GIT_GPG_PASSPHRASE=$gpgpass" \
    "FERRY_TEST_GIT_GPG_PLAIN_KEY=$k/plain.asc" \
    "FERRY_TEST_GIT_GPG_TWO_KEYS=$k/two-keys.asc" \
    "FERRY_TEST_GIT_GPG_PUBLIC=$k/public.asc" \
    "FERRY_TEST_GIT_SSH_SIGNING_KEY=$k/ssh_signing" \
    "FERRY_TEST_GIT_SSH_SIGNING_PASSWORD=$sshpass" \
    "FERRY_TEST_GIT_SSH_ALLOWED_SIGNERS=$k/allowed_signers"
}

case "$cmd" in
  start) start;;
  stop) stop_all;;
  *) echo "usage: $0 start|stop STATE" >&2; exit 2;;
esac
