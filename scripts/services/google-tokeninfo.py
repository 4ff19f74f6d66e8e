#!/usr/bin/env python3
"""A stand-in for Google's token-info endpoint, for the gcr Receiver tests (python stdlib only).

GET /tokeninfo?id_token=TOKEN answers as https://oauth2.googleapis.com/tokeninfo does: 200 with the
token's claims, every value as a string (email_verified "true"), or 400 with
{"error": "invalid_token", "error_description": "Invalid Value"}. A test token is
<base64url header>.<base64url JSON claims>.<signature>, and only the signature "test-signature"
counts as Google's; a token whose "exp" has passed is refused, as Google refuses it.

GET /garbage/...  200 with a body that is not JSON
GET /__health     200
"""
import argparse
import base64
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024
from urllib.parse import urlsplit, parse_qs

SIGNATURE = "test-signature"


def decode_segment(segment):
    padded = segment + "=" * (-len(segment) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "ferry-google-tokeninfo-test"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def _reply(self, code, body, content_type="application/json; charset=UTF-8"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/__health":
            return self._reply(200, {"ok": True})
        if url.path.startswith("/garbage"):
            return self._reply(200, b"this is not JSON", "text/plain")
        if url.path != "/tokeninfo":
            return self._reply(404, {"error": "not_found"})
        tokens = parse_qs(url.query).get("id_token", [])
        refused = {"error": "invalid_token", "error_description": "Invalid Value"}
        if len(tokens) != 1:
            return self._reply(400, refused)
        parts = tokens[0].split(".")
        if len(parts) != 3 or parts[2] != SIGNATURE:
            return self._reply(400, refused)
        try:
            decode_segment(parts[0])
            claims = decode_segment(parts[1])
        except Exception:
            return self._reply(400, refused)
        if not isinstance(claims, dict):
            return self._reply(400, refused)
        exp = claims.get("exp")
        if exp is not None and int(exp) <= time.time():
            return self._reply(400, refused)
        answer = {}
        for key, value in claims.items():
            if isinstance(value, bool):
                answer[key] = "true" if value else "false"
            elif isinstance(value, (int, float)):
                answer[key] = str(int(value))
            else:
                answer[key] = value
        return self._reply(200, answer)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
