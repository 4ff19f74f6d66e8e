#!/usr/bin/env python3
"""A read-only OCI Distribution endpoint with generated content, for the memory benchmark.

Every repository NAME under /v2/ exists and has --tags tags (1.0.0 … 1.0.N-1 by default),
listed by GET /v2/NAME/tags/list with the spec's `n`/`last` pagination and Link header; HEAD
on a manifest answers a Docker-Content-Digest. Holding 1,000 repositories of 1,000 tags in a
real CNCF registry would take a million pushes; this answers the same wire format at once.

  synthetic-registry.py --port 0 --port-file FILE [--tags 1000]
"""
import argparse
import hashlib
import http.server
import json
import socketserver
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--tags", type=int, default=1000)
    args = parser.parse_args()
    tags = sorted(f"1.0.{i}" for i in range(args.tags))

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def send(self, status, body=b"", headers=()):
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path in ("/v2/", "/v2"):
                return self.send(200, b"{}", [("Content-Type", "application/json")])
            if url.path.endswith("/tags/list"):
                name = url.path[len("/v2/"):-len("/tags/list")]
                query = urllib.parse.parse_qs(url.query)
                page = tags
                if "last" in query:
                    page = [t for t in tags if t > query["last"][0]]
                headers = [("Content-Type", "application/json")]
                if "n" in query:
                    n = int(query["n"][0])
                    if len(page) > n:
                        page = page[:n]
                        headers.append(("Link", f'</v2/{name}/tags/list?n={n}&last={page[-1]}>; rel="next"'))
                body = json.dumps({"name": name, "tags": page}).encode()
                return self.send(200, body, headers)
            if "/manifests/" in url.path:
                digest = "sha256:" + hashlib.sha256(url.path.encode()).hexdigest()
                return self.send(200, b"{}", [("Docker-Content-Digest", digest),
                                              ("Content-Type", "application/vnd.oci.image.manifest.v1+json")])
            return self.send(404, b'{"errors":[{"code":"NAME_UNKNOWN"}]}', [("Content-Type", "application/json")])

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", args.port), Handler)
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
