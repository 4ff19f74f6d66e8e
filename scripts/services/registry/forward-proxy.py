#!/usr/bin/env python3
"""A tiny HTTP forward proxy for Ferry's proxySecretRef tests: CONNECT tunnels (what AsyncHTTPClient uses, for http
and https targets alike) and absolute-form GET/HEAD/POST requests for http:// URLs; with --user U:P a matching
`Proxy-Authorization: Basic` is required (else 407).
`GET /stats` (origin form) returns {"forwarded": N, "refused": N}. Stdlib only; 127.0.0.1.
"""
import argparse
import base64
import http.client
import json
import os
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--user")
    args = ap.parse_args()
    stats = {"forwarded": 0, "refused": 0}
    lock = threading.Lock()
    want = "Basic " + base64.b64encode(args.user.encode()).decode() if args.user else None

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, fmt, *a):
            pass

        def reply(self, code, body, headers=()):
            self.send_response(code)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def handle_any(self):
            if self.path == "/stats":
                with lock:
                    return self.reply(200, json.dumps(stats).encode(), [("Content-Type", "application/json")])
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else None
            if want and self.headers.get("Proxy-Authorization") != want:
                with lock:
                    stats["refused"] += 1
                return self.reply(407, b"proxy authentication required", [("Proxy-Authenticate", 'Basic realm="proxy"')])
            u = urllib.parse.urlsplit(self.path)
            if u.scheme != "http":
                return self.reply(400, b"absolute http URLs only")
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-authorization", "proxy-connection", "connection")}
            c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
            c.request(self.command, u.path + ("?" + u.query if u.query else ""), body=body, headers=headers)
            r = c.getresponse()
            data = r.read()
            with lock:
                stats["forwarded"] += 1
            out = [(k, v) for k, v in r.getheaders() if k.lower() not in ("content-length", "transfer-encoding", "connection")]
            self.reply(r.status, data, out)

        def do_CONNECT(self):
            if want and self.headers.get("Proxy-Authorization") != want:
                with lock:
                    stats["refused"] += 1
                self.close_connection = True
                return self.reply(407, b"proxy authentication required", [("Proxy-Authenticate", 'Basic realm="proxy"')])
            host, _, port = self.path.rpartition(":")
            try:
                upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=30)
            except OSError:
                self.close_connection = True
                return self.reply(502, b"cannot connect")
            with lock:
                stats["forwarded"] += 1
            self.send_response(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            client = self.connection

            def pipe(src, dst):
                try:
                    while True:
                        data = src.recv(65536)
                        if not data:
                            break
                        dst.sendall(data)
                except OSError:
                    pass
                for s in (src, dst):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

            t = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
            t.start()
            pipe(client, upstream)
            t.join()
            upstream.close()
            self.close_connection = True

        do_GET = do_HEAD = do_POST = handle_any

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
