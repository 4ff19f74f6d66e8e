#!/usr/bin/env python3
"""Git smart-HTTP server: python stdlib HTTP + `git http-backend` as CGI, with Basic auth.

Adapted for Ferry's tests from the team's shared tools (shared/tools/git-http-server.py):
adds --git-config, a Git config file every http-backend run reads (push options, receive-pack),
and --bearer-token, a token accepted as `Authorization: Bearer <token>` besides Basic auth.

No nginx/fcgiwrap needed (they are the other option in git-server-up.sh). Clone/push:
  git clone http://USER:PASS@127.0.0.1:PORT/NAME.git
Repositories are ROOT/NAME.git (bare). Push needs a valid user (REMOTE_USER is set).

  git-http-server.py --port 8080 --root DIR/repos --user testuser:testpass [--anonymous-read]
       [--prefix /git] [--pidfile FILE]

Bound to 127.0.0.1 only. Handles chunked request bodies (git push of packs > http.postBuffer)
and gzip-encoded requests (passed through: http-backend decodes them), and streams the
response with chunked transfer encoding.
"""
import argparse
import base64
import os
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024

BACKEND = "/usr/lib/git-core/git-http-backend"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--root", required=True, help="directory holding the bare repositories")
    ap.add_argument("--user", action="append", default=[], help="USER:PASS (repeatable); none = no auth")
    ap.add_argument("--anonymous-read", action="store_true", help="allow clone/fetch without credentials")
    ap.add_argument("--prefix", default="", help="URL prefix, e.g. /git")
    ap.add_argument("--pidfile")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--git-config", help="Git config file for http-backend (GIT_CONFIG_GLOBAL)")
    ap.add_argument("--bearer-token", help="also accept Authorization: Bearer TOKEN")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    users = dict(u.split(":", 1) for u in args.user)
    backend = BACKEND
    if not os.path.exists(backend):
        backend = os.path.join(subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip(),
                               "git-http-backend")

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, fmt, *a):
            if not args.quiet:
                sys.stderr.write("git-http: " + (fmt % a) + "\n")

        def simple(self, code, msg, extra=None):
            b = (msg + "\n").encode()
            self.send_response(code)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(b)))
            self.end_headers()
            self.wfile.write(b)

        def read_body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                out = bytearray()
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return bytes(out)
                    out += self.rfile.read(size)
                    self.rfile.readline()
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def handle_git(self):
            u = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(u.path)
            if args.prefix:
                if not path.startswith(args.prefix + "/"):
                    return self.simple(404, "not found")
                path = path[len(args.prefix):]
            body = self.read_body() if self.command == "POST" else b""
            is_push = "git-receive-pack" in path or "service=git-receive-pack" in u.query
            remote_user = ""
            if users:
                h = self.headers.get("Authorization", "")
                ok = False
                if args.bearer_token and h == "Bearer " + args.bearer_token:
                    ok, remote_user = True, "bearer"
                elif h.lower().startswith("basic "):
                    try:
                        name, _, pw = base64.b64decode(h[6:]).decode().partition(":")
                        ok = users.get(name) == pw
                        remote_user = name if ok else ""
                    except Exception:
                        ok = False
                if not ok and (is_push or not args.anonymous_read):
                    return self.simple(401, "authentication required", {"WWW-Authenticate": 'Basic realm="git"'})
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "GIT_PROJECT_ROOT": root,
                "GIT_HTTP_EXPORT_ALL": "1",
                "GATEWAY_INTERFACE": "CGI/1.1",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "SERVER_SOFTWARE": "git-http-server.py",
                "REQUEST_METHOD": self.command,
                "PATH_INFO": path,
                "QUERY_STRING": u.query,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(len(body)),
                "REMOTE_ADDR": self.client_address[0],
                "REMOTE_USER": remote_user,
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": args.git_config or "/dev/null",
            }
            if self.headers.get("Content-Encoding"):
                env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
            if self.headers.get("Git-Protocol"):
                env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
            p = subprocess.Popen([backend], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env)
            # feed stdin in a thread: http-backend may start writing before it read everything
            feeder = threading.Thread(target=lambda: (p.stdin.write(body), p.stdin.close()))
            feeder.start()
            status, headers = 200, []
            while True:
                line = p.stdout.readline()
                if line in (b"\r\n", b"\n", b""):
                    break
                k, _, v = line.decode("latin-1").rstrip("\r\n").partition(":")
                if k.lower() == "status":
                    status = int(v.strip().split()[0])
                else:
                    headers.append((k, v.strip()))
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while True:
                chunk = p.stdout.read1(65536) if hasattr(p.stdout, "read1") else p.stdout.read(65536)
                if not chunk:
                    break
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            feeder.join()
            err = p.stderr.read()
            p.wait()
            if err and not args.quiet:
                sys.stderr.write("git-http-backend: " + err.decode(errors="replace"))

        do_GET = do_POST = handle_git

    srv = ThreadingHTTPServer(("127.0.0.1", args.port), H)
    srv.daemon_threads = True
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    sys.stderr.write("git-http-server on 127.0.0.1:%d root=%s\n" % (srv.server_address[1], root))
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
