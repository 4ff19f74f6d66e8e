#!/usr/bin/env python3
"""Tiny Docker/OCI registry token server (adapted from shared/tools for Ferry's tests) (the Bearer challenge flow of Docker Hub/GHCR).

A registry configured with `auth: token:` answers 401 with
  WWW-Authenticate: Bearer realm="http://127.0.0.1:PORT/token",service="...",scope="repository:NAME:pull"
and the client then does GET realm?service=...&scope=... (optionally with Basic auth)
and retries with `Authorization: Bearer <token>`.

This server issues RS256 JWTs that CNCF distribution 2.8 accepts: the signing
certificate is put in the JWT header `x5c` (and `kid` = libtrust key id), and the
registry's `rootcertbundle` holds that same certificate.

Endpoints (bound to 127.0.0.1 only):
  GET  /token?service=S&scope=repository:N:pull,push[&scope=...][&account=U]   (Basic auth optional)
  POST /token   (OAuth2 form: grant_type=password|refresh_token, service, scope, username/password|refresh_token)
  GET  /stats   JSON counters {"token_requests":..,"denied":..}; POST /stats/reset zeroes them
  GET  /healthz

Wrong/missing credentials -> 401 with 'WWW-Authenticate: Basic realm="token-server"';
--no-basic-challenge drops that header.

Access policy: a valid --user gets every requested action (pull, push, delete, *),
anonymous clients get 'pull' only if --anonymous-pull is given, else 401.
Wrong credentials -> 401. Catalog scope (registry:catalog:*) is granted to users.

Signing uses the `cryptography` package if importable, else the `openssl` CLI.

Usage:
  token-server.py --port 5002 --key DIR/token.key --cert DIR/token.crt \
      --issuer test-token-issuer --service test-registry --user testuser:testpass [--anonymous-pull]
  token-server.py --make-cert DIR      # write DIR/token.key + DIR/token.crt (RSA 2048, self-signed)
"""
import argparse
import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def pem_to_der(pem_text):
    lines = [l for l in pem_text.strip().splitlines() if not l.startswith("-----")]
    return base64.b64decode("".join(lines))


def libtrust_key_id(spki_der):
    """libtrust key id: base32(sha256(SPKI DER)[:30]) in ':'-separated groups of 4."""
    s = base64.b32encode(hashlib.sha256(spki_der).digest()[:30]).decode().rstrip("=")
    return ":".join(s[i:i + 4] for i in range(0, len(s), 4))


class Signer:
    def __init__(self, key_path, cert_path):
        self.key_path = key_path
        cert_pem = open(cert_path).read()
        self.cert_der = pem_to_der(cert_pem.split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----")
        self.priv = None
        try:
            from cryptography.hazmat.primitives import serialization, hashes
            from cryptography.hazmat.primitives.asymmetric import padding
            from cryptography import x509
            self._hashes, self._padding = hashes, padding
            self.priv = serialization.load_pem_private_key(open(key_path, "rb").read(), password=None)
            cert = x509.load_der_x509_certificate(self.cert_der)
            spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        except ImportError:
            spki = subprocess.run(["openssl", "x509", "-pubkey", "-noout", "-in", cert_path],
                                  check=True, capture_output=True, text=True).stdout
            spki = pem_to_der(spki)
        self.kid = libtrust_key_id(spki)

    def sign(self, data):
        if self.priv is not None:
            return self.priv.sign(data, self._padding.PKCS1v15(), self._hashes.SHA256())
        return subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key_path],
                              input=data, check=True, capture_output=True).stdout

    def jwt(self, claims):
        header = {"typ": "JWT", "alg": "RS256", "kid": self.kid,
                  "x5c": [base64.b64encode(self.cert_der).decode()]}
        signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "." +
                         b64url(json.dumps(claims, separators=(",", ":")).encode())).encode()
        return signing_input.decode() + "." + b64url(self.sign(signing_input))


def parse_scope(s):
    # "repository:team/app:pull,push"  (the name may hold ':' only before a port: not used here)
    parts = s.split(":")
    if len(parts) < 3:
        return None
    typ, actions = parts[0], parts[-1]
    name = ":".join(parts[1:-1])
    return typ, name, [a for a in actions.split(",") if a]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--make-cert", metavar="DIR", help="write DIR/token.key and DIR/token.crt and exit")
    ap.add_argument("--port", type=int, default=5002)
    ap.add_argument("--key")
    ap.add_argument("--cert")
    ap.add_argument("--issuer", default="test-token-issuer")
    ap.add_argument("--service", default="test-registry", help="expected service (any accepted if empty)")
    ap.add_argument("--user", action="append", default=[], help="USER:PASS (repeatable)")
    ap.add_argument("--anonymous-pull", action="store_true", help="issue pull-only tokens without credentials")
    ap.add_argument("--ttl", type=int, default=300, help="token lifetime in seconds (default 300)")
    ap.add_argument("--real-lifetime", type=int, default=0,
                    help="if set, the JWT really expires this many seconds after issue (exp = now + N - 60, against the "
                         "registry's 60 s leeway) while expires_in still says --ttl: a token that expires mid-scan")
    ap.add_argument("--no-basic-challenge", action="store_true",
                    help="answer 401 without 'WWW-Authenticate: Basic' (URLSession on Linux hangs on that challenge)")
    ap.add_argument("--pidfile")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    if args.make_cert:
        os.makedirs(args.make_cert, exist_ok=True)
        k = os.path.join(args.make_cert, "token.key")
        c = os.path.join(args.make_cert, "token.crt")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", k, "-out", c,
                        "-days", "3650", "-subj", "/CN=test-token-signer"], check=True, capture_output=True)
        print(k)
        print(c)
        return

    if not (args.key and args.cert):
        ap.error("--key and --cert are required (make them with --make-cert DIR)")
    signer = Signer(args.key, args.cert)
    users = dict(u.split(":", 1) for u in args.user)
    stats = {"token_requests": 0, "denied": 0, "issued": 0}
    lock = threading.Lock()

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers+body writes hit Nagle/delayed-ACK: ~40 ms per request

        def log_message(self, fmt, *a):
            if not args.quiet:
                sys.stderr.write("token-server: " + (fmt % a) + "\n")

        def send_json(self, code, obj, extra=None):
            body = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def deny(self, msg):
            with lock:
                stats["denied"] += 1
            self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": msg}]},
                           {} if args.no_basic_challenge else {"WWW-Authenticate": 'Basic realm="token-server"'})

        def basic_user(self):
            h = self.headers.get("Authorization", "")
            if not h.lower().startswith("basic "):
                return None, None
            try:
                u, _, p = base64.b64decode(h[6:]).decode().partition(":")
            except Exception:
                return "", ""
            return u, p

        def issue(self, q, user, password, refresh=None):
            with lock:
                stats["token_requests"] += 1
            service = (q.get("service") or [""])[0]
            if args.service and service != args.service:
                return self.send_json(400, {"errors": [{"code": "DENIED", "message": "unknown service %r" % service}]})
            authed = None
            if refresh:
                if not refresh.startswith("refresh-") or refresh[8:] not in users:
                    return self.deny("invalid refresh token")
                authed = refresh[8:]
            elif user is not None:
                if users.get(user) != password:
                    return self.deny("invalid credentials")
                authed = user
            elif not args.anonymous_pull:
                return self.deny("authentication required")
            access = []
            for s in q.get("scope", []):
                for one in s.split(" "):
                    p = parse_scope(one)
                    if not p:
                        continue
                    typ, name, actions = p
                    granted = actions if authed else [a for a in actions if a == "pull"]
                    if typ == "registry" and not authed:
                        granted = []
                    access.append({"type": typ, "name": name, "actions": granted})
            now = int(time.time())
            exp = now + args.real_lifetime - 60 if args.real_lifetime else now + args.ttl
            claims = {"iss": args.issuer, "sub": authed or "", "aud": service,
                      "exp": exp, "nbf": now - 120, "iat": now,
                      "jti": uuid.uuid4().hex, "access": access}
            tok = signer.jwt(claims)
            with lock:
                stats["issued"] += 1
            out = {"token": tok, "access_token": tok, "expires_in": args.ttl,
                   "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))}
            if authed and ((q.get("offline_token") or [""])[0] == "true" or refresh is not None
                           or (q.get("grant_type") or [""])[0] == "password"):
                out["refresh_token"] = "refresh-" + authed
            self.send_json(200, out)

        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            if u.path == "/healthz":
                return self.send_json(200, {"ok": True})
            if u.path == "/stats":
                with lock:
                    return self.send_json(200, dict(stats))
            if u.path != "/token":
                return self.send_json(404, {"error": "not found"})
            q = urllib.parse.parse_qs(u.query)
            user, pw = self.basic_user()
            self.issue(q, user, pw)

        def do_POST(self):
            u = urllib.parse.urlsplit(self.path)
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n).decode() if n else ""
            if u.path == "/stats/reset":
                with lock:
                    for k in stats:
                        stats[k] = 0
                return self.send_json(200, dict(stats))
            if u.path != "/token":
                return self.send_json(404, {"error": "not found"})
            q = urllib.parse.parse_qs(body)
            gt = (q.get("grant_type") or [""])[0]
            if gt == "password":
                return self.issue(q, (q.get("username") or [""])[0], (q.get("password") or [""])[0])
            if gt == "refresh_token":
                return self.issue(q, None, None, refresh=(q.get("refresh_token") or [""])[0])
            self.send_json(400, {"error": "unsupported_grant_type"})

    srv = ThreadingHTTPServer(("127.0.0.1", args.port), H)
    srv.daemon_threads = True
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    sys.stderr.write("token-server listening on 127.0.0.1:%d (issuer=%s service=%s kid=%s)\n"
                     % (srv.server_address[1], args.issuer, args.service, signer.kid))
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
