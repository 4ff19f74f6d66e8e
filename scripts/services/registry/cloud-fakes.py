#!/usr/bin/env python3
"""Loopback stand-ins for the cloud credential services Ferry's `gcp` and `azure` providers call, speaking their
wire formats (the real ones cannot be reached from the test machines):

  GCE metadata server  GET  /computeMetadata/v1/instance/service-accounts/default/token   (needs Metadata-Flavor: Google)
                            -> {"access_token": GCP_TOKEN, "expires_in": 3599, "token_type": "Bearer"}
  Azure IMDS           GET  /metadata/identity/oauth2/token?api-version=...&resource=...   (needs Metadata: true)
                            -> {"access_token": ENTRA_TOKEN, "expires_in": "86399", ...}   (a string, as IMDS sends)
  Entra ID             POST /<tenant>/oauth2/v2.0/token   client_credentials + client_assertion (workload identity)
  ACR                  POST /oauth2/exchange   grant_type=access_token&service=&access_token=  -> {"refresh_token": ...}
                       GET  /oauth2/token?service=&scope=   Basic 00000000-0000-0000-0000-000000000000:<refresh token>
                       GET  /v2/  (401 Bearer challenge)   GET /v2/<name>/tags/list (needs the access token)
  GET /stats           counters

The GCP token is also the password of user oauth2accesstoken on the TLS registry (registry.sh adds it to htpasswd),
so a gcp scan runs against the real registry. Usage: cloud-fakes.py --port-file F --gcp-token T --assertion A
"""
import argparse
import base64
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024

ZERO_USER = "00000000-0000-0000-0000-000000000000"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--gcp-token", required=True)
    ap.add_argument("--assertion", required=True, help="the federated token workload identity must present")
    ap.add_argument("--pidfile")
    args = ap.parse_args()
    lock = threading.Lock()
    state = {"entra": {"entra-imds-token", "entra-wi-token"}, "refresh": set(), "access": set(), "n": 0}
    stats = {"gcp": 0, "imds": 0, "entra": 0, "exchange": 0, "acr_token": 0, "tags": 0}

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, fmt, *a):
            pass

        def send_json(self, code, obj, headers=()):
            body = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def count(self, key):
            with lock:
                stats[key] += 1
                state["n"] += 1
                return state["n"]

        def form(self):
            n = int(self.headers.get("Content-Length") or 0)
            return {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(n).decode()).items()}

        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            q = {k: v[0] for k, v in urllib.parse.parse_qs(u.query).items()}
            if u.path == "/stats":
                with lock:
                    return self.send_json(200, dict(stats))
            if u.path == "/computeMetadata/v1/instance/service-accounts/default/token":
                if self.headers.get("Metadata-Flavor") != "Google":
                    return self.send_json(403, {"error": "missing Metadata-Flavor header"})
                self.count("gcp")
                return self.send_json(200, {"access_token": args.gcp_token, "expires_in": 3599, "token_type": "Bearer"})
            if u.path == "/metadata/identity/oauth2/token":
                if self.headers.get("Metadata") != "true" or "resource" not in q or "api-version" not in q:
                    return self.send_json(400, {"error": "invalid_request", "error_description": "Required metadata header not specified"})
                self.count("imds")
                return self.send_json(200, {"access_token": "entra-imds-token", "expires_in": "86399", "expires_on": "0",
                                            "resource": q["resource"], "token_type": "Bearer"})
            if u.path == "/oauth2/token":
                auth = self.headers.get("Authorization", "")
                ok = False
                if auth.startswith("Basic "):
                    user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
                    with lock:
                        ok = user == ZERO_USER and password in state["refresh"]
                if not ok:
                    return self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": "invalid refresh token"}]})
                n = self.count("acr_token")
                token = "acr-access-%d" % n
                with lock:
                    state["access"].add(token)
                return self.send_json(200, {"access_token": token})
            if u.path == "/v2/" or u.path.startswith("/v2/"):
                auth = self.headers.get("Authorization", "")
                with lock:
                    ok = auth.startswith("Bearer ") and auth[7:] in state["access"]
                host = self.headers.get("Host", "127.0.0.1")
                service = q.get("service", "ferrytest.azurecr.io")
                if not ok:
                    challenge = 'Bearer realm="http://%s/oauth2/token",service="ferrytest.azurecr.io"' % host
                    if u.path != "/v2/":
                        name = u.path[4:].rsplit("/tags/list", 1)[0]
                        challenge += ',scope="repository:%s:pull"' % name
                    return self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]},
                                          [("WWW-Authenticate", challenge)])
                if u.path == "/v2/":
                    return self.send_json(200, {})
                if u.path.endswith("/tags/list"):
                    self.count("tags")
                    name = u.path[4:-len("/tags/list")]
                    return self.send_json(200, {"name": name, "tags": ["1.0.0", "1.1.0", "2.0.0"]})
            self.send_json(404, {"errors": [{"code": "NOT_FOUND", "message": "not found"}]})

        def do_POST(self):
            u = urllib.parse.urlsplit(self.path)
            f = self.form()
            if u.path.endswith("/oauth2/v2.0/token"):
                if f.get("client_assertion") != args.assertion or f.get("grant_type") != "client_credentials" or not f.get("client_id"):
                    return self.send_json(401, {"error": "invalid_client", "error_description": "AADSTS700024: assertion rejected"})
                self.count("entra")
                return self.send_json(200, {"access_token": "entra-wi-token", "expires_in": 3599, "token_type": "Bearer"})
            if u.path == "/oauth2/exchange":
                with lock:
                    ok = f.get("grant_type") == "access_token" and f.get("access_token") in state["entra"]
                if not ok or not f.get("service"):
                    return self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": "invalid access token"}]})
                n = self.count("exchange")
                token = "acr-refresh-%d" % n
                with lock:
                    state["refresh"].add(token)
                return self.send_json(200, {"refresh_token": token})
            self.send_json(404, {"error": "not found"})

    srv = ThreadingHTTPServer(("127.0.0.1", args.port), H)
    srv.daemon_threads = True
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(srv.server_address[1]))
        os.rename(args.port_file + ".tmp", args.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
