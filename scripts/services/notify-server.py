#!/usr/bin/env python3
"""Recording HTTP(S) endpoints for Ferry's notification tests (python stdlib only).

Every request is recorded (method, path, query, headers in order, body) and can be read back from the
control API on the plain port. Behaviour is chosen by the first path segments, so parallel tests stay
apart by using their own unique prefix after it:

  /ok/...               200 "ok"
  /status/<code>/...    answer <code> (e.g. 500, 404, 429 with Retry-After: 0)
  /flaky/<n>/...        500 for the first <n> requests to this exact path, then 200
  /slow/<ms>/...        wait <ms> milliseconds, then 200
  /echo/<code>/...      answer <code> with the request's headers and body (to test redaction)
  anything else         200 "ok"

Control API (plain port only):
  GET  /__requests?prefix=/p   -> JSON list of recorded requests whose path starts with /p
  GET  /__health                -> 200

Ports: --http (plain), --https (certificate from the test CA), --bad-tls (self-signed, untrusted),
--mtls (test CA, client certificate required), --proxy (an HTTP proxy that records the absolute-URI
requests it gets, or the requests sent through a CONNECT tunnel, instead of forwarding them).
"""
import argparse
import base64
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024
from urllib.parse import urlsplit, parse_qs

LOCK = threading.Lock()
RECORDS = []
FLAKY = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "ferry-notify-test"
    listener = "http"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def _reply(self, code, body=b"ok", content_type="text/plain", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        target = self.path
        via_proxy = False
        if target.startswith("http://") or target.startswith("https://"):
            via_proxy = True
            parts = urlsplit(target)
            target = parts.path + ("?" + parts.query if parts.query else "")
        parts = urlsplit(target)
        if self.listener == "http" and parts.path == "/__health":
            return self._reply(200)
        if self.listener == "http" and parts.path == "/__requests" and self.command == "GET":
            prefix = parse_qs(parts.query).get("prefix", [""])[0]
            with LOCK:
                items = [r for r in RECORDS if r["path"].startswith(prefix)]
            return self._reply(200, json.dumps(items).encode(), "application/json")
        record = {
            "listener": self.listener,
            "method": self.command,
            "path": parts.path,
            "query": parts.query,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body": base64.b64encode(body).decode(),
            "viaProxy": via_proxy or getattr(self, "tunnel", None) is not None,
            "tunnel": getattr(self, "tunnel", None),
            "time": time.time(),
        }
        with LOCK:
            RECORDS.append(record)
        segments = parts.path.split("/")
        kind = segments[1] if len(segments) > 1 else ""
        if kind == "status" and len(segments) > 2:
            code = int(segments[2])
            extra = {"Retry-After": "0"} if code in (429, 503) else None
            return self._reply(code, b"status " + segments[2].encode() + b" for testing", extra=extra)
        if kind == "flaky" and len(segments) > 2:
            with LOCK:
                seen = FLAKY.get(parts.path, 0)
                FLAKY[parts.path] = seen + 1
            if seen < int(segments[2]):
                return self._reply(500, b"flaky failure")
            return self._reply(200)
        if kind == "echo" and len(segments) > 2:
            echoed = "".join(f"{k}: {v}\n" for k, v in self.headers.items()).encode() + body
            return self._reply(int(segments[2]), echoed)
        if kind == "slow" and len(segments) > 2:
            time.sleep(int(segments[2]) / 1000.0)
            return self._reply(200)
        return self._reply(200)

    def do_CONNECT(self):
        # Open a "tunnel" that is really this same handler: the request the client then sends through it is
        # recorded as if the proxy had forwarded it, with the CONNECT's Proxy-Authorization attached.
        if self.listener != "proxy":
            return self._reply(405, b"CONNECT is only served by the proxy listener")
        self.tunnel = {"target": self.path, "proxyAuthorization": self.headers.get("Proxy-Authorization", "")}
        self.send_response(200, "Connection established")
        self.end_headers()

    do_GET = _handle
    do_POST = _handle
    do_PUT = _handle
    do_PATCH = _handle
    do_DELETE = _handle


def serve(port, listener, context=None):
    handler = type("Handler_" + listener, (Handler,), {"listener": listener})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", type=int, required=True)
    parser.add_argument("--https", type=int, required=True)
    parser.add_argument("--bad-tls", type=int, required=True)
    parser.add_argument("--mtls", type=int, required=True)
    parser.add_argument("--proxy", type=int, required=True)
    parser.add_argument("--certs", required=True)
    args = parser.parse_args()
    d = args.certs
    good = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    good.load_cert_chain(d + "/server.crt", d + "/server.key")
    bad = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    bad.load_cert_chain(d + "/bad.crt", d + "/bad.key")
    mutual = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    mutual.load_cert_chain(d + "/server.crt", d + "/server.key")
    mutual.load_verify_locations(d + "/ca.crt")
    mutual.verify_mode = ssl.CERT_REQUIRED
    serve(args.http, "http")
    serve(args.https, "https", good)
    serve(args.bad_tls, "bad-tls", bad)
    serve(args.mtls, "mtls", mutual)
    serve(args.proxy, "proxy")
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
