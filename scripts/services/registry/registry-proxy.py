#!/usr/bin/env python3
"""Reverse proxy in front of a registry that paginates tag lists and injects faults (Ferry's tests and benchmark;
adapted from shared/tools/registry-proxy.py).

CNCF distribution 2.8 ignores ?n= and &last= on tag lists, so this proxy fetches the whole list from upstream,
sorts it, cuts it by n/last and answers with
    Link: </v2/<name>/tags/list?last=<last>&n=<n>>; rel="next"
(relative, as distribution v3 / Docker Hub send it; absolute with the `abs` option below).

Behaviour per request, so that tests stay independent: a repository path of the form
    /v2/x/<spec>/<upstream repository>/...
is forwarded as /v2/<upstream repository>/... and <spec> (dot-separated options) selects what happens:
    p<N>        pages of at most N tags          abs      absolute Link URLs       host    Link to another port
    r429x<K>    the first K tag-list requests answer 429 (r503x<K>: 503)       r429always / r503always
    ra<S>       the Retry-After value those send (default 1; "none" with ranone)
    e500x<K>    the first K answer 500            e500always
    slow<MS>    the body goes out in 10 pieces, MS milliseconds apart
    delay<MS>   wait MS before answering each tag-list request
    cut         announce the full length, send half the body and close
    badjson     a body that is not JSON            trunc    JSON cut mid-array, with a matching length
    big<KB>     pad the JSON with KB kilobytes      s401 / s403 / s404   answer that status
    n<word>     a nonce (counters are per spec, so each test run uses a fresh one)
Paths without the prefix are plain pagination with --default-page/--max-page.

Options: --port P (0: pick one, printed and written to --port-file), --upstream URL, --default-page N,
--max-page N, --delay-ms MS, --cache-seconds S (reuse upstream tag lists for S seconds: the benchmark's 100,000-tag
lists), --token-uses N (a Bearer token stops working after N tag-list requests: the next one goes upstream without
it, so the registry's own 401 and challenge come back, as for a token that expired or was revoked mid-scan; counted
per token, deterministic however slow the machine is), --pidfile FILE, --quiet. Stdlib only; bound to 127.0.0.1.
"""
import argparse
import bisect
import http.client
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024

TAGS_RE = re.compile(r"^/v2/(.+)/tags/list$")
SPEC_RE = re.compile(r"^/v2/x/([a-z0-9.]+)/(.+)$")
HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
       "transfer-encoding", "upgrade", "content-length"}


def parse_spec(spec):
    opts = {"page": 0, "abs": False, "host": False, "fail": None, "fail_count": 0, "ra": "1", "slow": 0,
            "delay": 0, "cut": False, "badjson": False, "trunc": False, "big": 0, "status": None}
    for tok in spec.split("."):
        m = re.match(r"^(r429|r503|e500)(x(\d+)|always)$", tok)
        if m:
            opts["fail"] = {"r429": 429, "r503": 503, "e500": 500}[m.group(1)]
            opts["fail_count"] = int(m.group(3)) if m.group(3) else 10 ** 9
        elif re.match(r"^p\d+$", tok):
            opts["page"] = int(tok[1:])
        elif tok == "abs":
            opts["abs"] = True
        elif tok == "host":
            opts["host"] = True
        elif tok == "ranone":
            opts["ra"] = None
        elif re.match(r"^ra\d+$", tok):
            opts["ra"] = tok[2:]
        elif re.match(r"^slow\d+$", tok):
            opts["slow"] = int(tok[4:])
        elif re.match(r"^delay\d+$", tok):
            opts["delay"] = int(tok[5:])
        elif re.match(r"^big\d+$", tok):
            opts["big"] = int(tok[3:])
        elif re.match(r"^s\d{3}$", tok):
            opts["status"] = int(tok[1:])
        elif tok in ("cut", "badjson", "trunc"):
            opts[tok] = True
    return opts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--default-page", type=int, default=0)
    ap.add_argument("--max-page", type=int, default=0)
    ap.add_argument("--delay-ms", type=int, default=0)
    ap.add_argument("--cache-seconds", type=float, default=0)
    ap.add_argument("--token-uses", type=int, default=0)
    ap.add_argument("--pidfile")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    up = urllib.parse.urlsplit(args.upstream)
    local = threading.local()
    counters = {}
    cache = {}
    token_uses = {}
    lock = threading.Lock()

    def upstream():
        c = getattr(local, "c", None)
        if c is None:
            c = http.client.HTTPConnection(up.hostname, up.port or 80, timeout=120)
            local.c = c
        return c

    def call(method, path, body, headers):
        for attempt in range(2):
            c = upstream()
            try:
                c.request(method, path, body=body, headers=headers)
                return c.getresponse()
            except (http.client.HTTPException, ConnectionError, OSError):
                c.close()
                local.c = None
                if attempt:
                    raise

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers+body writes hit Nagle/delayed-ACK: ~40 ms per request

        def log_message(self, fmt, *a):
            if not args.quiet:
                sys.stderr.write("registry-proxy: " + (fmt % a) + "\n")

        def read_body(self):
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else None

        def fwd_headers(self, body, revoke=False):
            h = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            if revoke:
                h = {k: v for k, v in h.items() if k.lower() != "authorization"}
            if body is not None or self.command in ("PUT", "POST", "PATCH"):
                h["Content-Length"] = str(len(body or b""))
            return h

        def send_bytes(self, status, data, headers=()):
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def relay(self, r, data=None):
            if data is None and self.command != "HEAD":
                data = r.read()
            self.send_response(r.status, r.reason)
            for k, v in r.getheaders():
                if k.lower() not in HOP:
                    self.send_header(k, v)
            if self.command == "HEAD":
                self.send_header("Content-Length", r.getheader("Content-Length") or "0")
                r.read()
            else:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def handle_any(self):
            body = self.read_body()
            u = urllib.parse.urlsplit(self.path)
            path, spec, prefix = u.path, None, ""
            m = SPEC_RE.match(path)
            if m:
                spec = m.group(1)
                prefix = "x/" + spec + "/"
                path = "/v2/" + m.group(2)
            t = TAGS_RE.match(path)
            if t and self.command == "GET":
                return self.tags(t.group(1), prefix, spec, u, body)
            if spec:
                opts = parse_spec(spec)
                if opts["status"]:
                    return self.send_bytes(opts["status"], b'{"errors":[{"code":"DENIED","message":"injected status"}]}',
                                           [("Content-Type", "application/json")])
            fwd = path + ("?" + u.query if u.query else "")
            r = call(self.command, fwd, body, self.fwd_headers(body))
            self.relay(r)

        def spent(self):
            """Counts one use of the request's Bearer token; True once it has had its --token-uses."""
            auth = self.headers.get("Authorization", "")
            if not args.token_uses or not auth.lower().startswith("bearer "):
                return False
            with lock:
                token_uses[auth] = token_uses.get(auth, 0) + 1
                return token_uses[auth] > args.token_uses

        def upstream_tags(self, name):
            revoke = self.spent()
            key = (name, "" if revoke else self.headers.get("Authorization", ""))
            if args.cache_seconds:
                with lock:
                    hit = cache.get(key)
                if hit and time.monotonic() - hit[0] < args.cache_seconds:
                    return 200, hit[1], hit[2], None
            r = call("GET", "/v2/%s/tags/list" % name, None, self.fwd_headers(None, revoke))
            data = r.read()
            if r.status != 200:
                return r.status, None, None, (r, data)
            j = json.loads(data)
            tags = sorted(j.get("tags") or [])
            if args.cache_seconds:
                with lock:
                    cache[key] = (time.monotonic(), j.get("name", name), tags)
            return 200, j.get("name", name), tags, None

        def tags(self, name, prefix, spec, u, body):
            opts = parse_spec(spec) if spec else parse_spec("")
            if opts["delay"] or args.delay_ms:
                time.sleep((opts["delay"] or args.delay_ms) / 1000.0)
            if opts["status"]:
                return self.send_bytes(opts["status"], b'{"errors":[{"code":"DENIED","message":"injected status"}]}',
                                       [("Content-Type", "application/json")])
            if opts["fail"]:
                with lock:
                    counters[spec] = counters.get(spec, 0) + 1
                    nth = counters[spec]
                if nth <= opts["fail_count"]:
                    hdrs = [("Content-Type", "application/json")]
                    if opts["fail"] in (429, 503) and opts["ra"] is not None:
                        hdrs.append(("Retry-After", opts["ra"]))
                    return self.send_bytes(opts["fail"], b'{"errors":[{"code":"TOOMANYREQUESTS","message":"injected"}]}', hdrs)
            status, rname, tags, raw = self.upstream_tags(name)
            if raw is not None:
                return self.relay(raw[0], raw[1])
            q = urllib.parse.parse_qs(u.query)
            try:
                n = int(q["n"][0]) if "n" in q else (opts["page"] or args.default_page)
            except ValueError:
                return self.send_bytes(400, b'{"errors":[{"code":"PAGINATION_NUMBER_INVALID","message":"bad n"}]}',
                                       [("Content-Type", "application/json")])
            cap = opts["page"] or args.max_page
            if cap and (n <= 0 or n > cap):
                n = cap
            last = q.get("last", [None])[0]
            start = bisect.bisect_right(tags, last) if last is not None else 0
            rest = len(tags) - start
            link = None
            if n > 0 and rest > n:
                page = tags[start:start + n]
                target = "/v2/%s%s/tags/list?%s" % (prefix, name, urllib.parse.urlencode({"last": page[-1], "n": n}))
                if opts["host"]:
                    target = "http://127.0.0.1:1" + target
                elif opts["abs"]:
                    target = "http://%s%s" % (self.headers.get("Host", "127.0.0.1"), target)
                link = '<%s>; rel="next"' % target
            else:
                page = tags[start:]
            doc = {"name": prefix + rname if prefix else rname, "tags": page}
            if opts["big"]:
                doc["padding"] = " " * (opts["big"] * 1024)
            out = json.dumps(doc, separators=(",", ":")).encode()
            if opts["badjson"]:
                out = b'{"name": "' + name.encode() + b'", "tags": ["1.0.0", 1.2.3 oops'
            if opts["trunc"]:
                out = out[: max(1, len(out) // 2)]
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Docker-Distribution-Api-Version", "registry/2.0")
            if link:
                self.send_header("Link", link)
            self.send_header("Content-Length", str(len(out)))
            if opts["cut"]:
                self.send_header("Connection", "close")
            self.end_headers()
            if opts["cut"]:
                self.wfile.write(out[: len(out) // 2])
                self.wfile.flush()
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            if opts["slow"]:
                step = max(1, len(out) // 10)
                for i in range(0, len(out), step):
                    self.wfile.write(out[i:i + step])
                    self.wfile.flush()
                    time.sleep(opts["slow"] / 1000.0)
                return
            self.wfile.write(out)

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    srv = ThreadingHTTPServer(("127.0.0.1", args.port), H)
    srv.daemon_threads = True
    port = srv.server_address[1]
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.rename(args.port_file + ".tmp", args.port_file)
    sys.stderr.write("registry-proxy 127.0.0.1:%d -> %s\n" % (port, args.upstream))
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
