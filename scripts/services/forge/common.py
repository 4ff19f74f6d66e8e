"""Stand-in forge APIs for Ferry's pull-request tests (python stdlib only).

Four listeners, each implementing the subset of one forge's documented REST API that Ferry calls:

  --github     GitHub REST v3 (+ GraphQL enablePullRequestAutoMerge) at / and GHES-style /api/v3, /api/graphql
  --gitlab     GitLab REST v4 at /api/v4
  --gitea      Gitea / Forgejo API v1 at /api/v1
  --bitbucket  Bitbucket Cloud REST 2.0 at /2.0

Every request is checked as the forge's documentation describes it: method and path, authentication header,
required headers, query parameters, JSON body members and their types. A request outside that shape gets 422 (400
on Bitbucket) with a message starting "ferry-test:", so a test sees exactly what was wrong. State is kept per
repository (any owner/name is created on first use; names containing "missing" do not exist, those containing
"readonly" refuse writes with 403; on GitHub, those containing "echo-token" answer 401 repeating the
Authorization header, as a careless proxy would), so create-then-update and no-duplicate flows are real.

Credentials: the token "ferry-test-token" everywhere (GitHub Bearer, GitLab PRIVATE-TOKEN, Gitea "token",
Bitbucket Bearer); Basic "ferry-bot:ferry-app-password" on Gitea and Bitbucket. Users alice, bob and carol exist
(GitLab ids 11, 12, 13); the team org/reviewers exists on GitHub and Gitea.

Control API (every listener):
  POST /__control/seed   {"repo": "o/r", "pulls": [{"source", "target", "title", "body", "state", "labels"}],
                          "labels": ["name", ...] (Gitea's repository labels), "settings": {...}}  resets that repository
      settings: "autoMerge": "pending" (default: auto-merge gets scheduled) | "clean" (mergeable now) | "disallowed";
                "perPageCap": N (pages hold at most N items); "failClose": STATUS (closing a pull request, GitHub's and
                Gitea's state change, GitLab's state_event, Bitbucket's decline, answers STATUS, e.g. 500 or 403); "raceOnce": true (the first listing misses the open
                pull requests, as if another client opened one meanwhile); "ignoreFilters": true (the listing ignores its
                branch filters, as GitLab once did: gitlab-org/gitlab#5130)
  GET  /__control/state?repo=o/r  ->  {"pulls": [...as the forge returns them...], "requests": [{method, path, query, body}]}
"""
import argparse
import base64
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs, unquote, quote

TOKEN = "ferry-test-token"
BASIC = ("ferry-bot", "ferry-app-password")
USERS = {"alice": 11, "bob": 12, "carol": 13}
TEAMS = {"reviewers"}
LOCK = threading.Lock()


class Invalid(Exception):
    def __init__(self, status, body):
        super().__init__(str(body))
        self.status = status
        self.body = body


def check_members(body, allowed, required, types, status=422, wrap=None):
    """The body must be a JSON object whose members are all in `allowed`, with `required` present, typed as `types`."""
    def fail(message):
        payload = {"message": "ferry-test: " + message}
        if wrap:
            payload = wrap(message)
        raise Invalid(status, payload)
    if not isinstance(body, dict):
        fail("the body must be a JSON object")
    for key in body:
        if key not in allowed:
            fail("unexpected member %r (the API documents %s)" % (key, ", ".join(sorted(allowed))))
    for key in required:
        if key not in body:
            fail("missing required member %r" % key)
    for key, kind in types.items():
        if key not in body:
            continue
        value = body[key]
        ok = {
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "[str]": isinstance(value, list) and all(isinstance(v, str) for v in value),
            "[int]": isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value),
            "obj": isinstance(value, dict),
            "list": isinstance(value, list),
        }[kind]
        if not ok:
            fail("member %r must be of type %s" % (key, kind))


class Repo:
    def __init__(self, name):
        self.name = name
        self.pulls = []
        self.labels = []  # [{"id", "name", "color"}]
        self.settings = {}
        self.requests = []
        self.next_number = 1

    def add_pull(self, pull):
        pull["number"] = self.next_number
        self.next_number += 1
        self.pulls.append(pull)
        return pull

    def hide_once(self, items):
        """With the "raceOnce" setting, the first listing misses the open pull requests (as when another client
        opens one between a listing and a creation)."""
        if self.settings.get("raceOnce") and not self.settings.get("raced"):
            self.settings["raced"] = True
            return []
        return items

    def page(self, items, page, per_page):
        cap = self.settings.get("perPageCap")
        if cap:
            per_page = min(per_page, cap)
        start = (page - 1) * per_page
        return items[start:start + per_page], start + per_page < len(items), per_page


class Forge:
    """State of one forge: repositories by name."""

    def __init__(self, kind):
        self.kind = kind
        self.repos = {}

    def repo(self, name, create=True):
        if name not in self.repos:
            if not create:
                return None
            self.repos[name] = Repo(name)
        return self.repos[name]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "ferry-forge-test"
    forge = None  # set per listener class
    port = 0

    def log_message(self, fmt, *args):
        pass

    # -- plumbing ---------------------------------------------------------------------------------------------
    def reply(self, status, payload=None, headers=None):
        body = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def origin(self):
        return "http://127.0.0.1:%d" % self.port

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        self.raw_path = parts.path
        self.query = parse_qs(parts.query, keep_blank_values=True)
        self.raw_query = parts.query
        self.body = None
        if parts.path.startswith("/__control/"):
            return self.control(parts.path, raw)
        if self.fault(parts.path):
            return
        try:
            if raw:
                if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
                    raise Invalid(415 if self.forge.kind != "bitbucket" else 400,
                                  {"message": "ferry-test: a JSON body needs Content-Type: application/json"})
                try:
                    self.body = json.loads(raw)
                except ValueError:
                    raise Invalid(400, {"message": "ferry-test: the body is not JSON"})
            if not self.headers.get("User-Agent"):
                raise Invalid(403, {"message": "ferry-test: requests must carry a User-Agent"})
            with LOCK:
                status, payload, headers = self.route()
        except Invalid as problem:
            status, payload, headers = problem.status, problem.body, {}
        self.reply(status, payload, headers)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def fault(self, path):
        """Faults by repository name, on every forge: "hang-forever" answers after 120 s (far past a client's timeout,
        however late a loaded machine fires it),
        "redirect-away" redirects to another host, "garbled" answers 200 with HTML instead of JSON."""
        if "hang-forever" in path:
            time.sleep(120)
            self.reply(200, [])
            return True
        if "redirect-away" in path:
            self.send_response(301)
            self.send_header("Location", "http://192.0.2.1/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if "garbled" in path:
            body = b"<html><body>Service temporarily unavailable</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        return False

    def record(self, repo):
        repo.requests.append({"method": self.command, "path": self.raw_path, "query": self.raw_query, "body": self.body})

    def control(self, path, raw):
        with LOCK:
            if path == "/__control/seed" and self.command == "POST":
                spec = json.loads(raw or b"{}")
                repo = Repo(spec["repo"])
                self.forge.repos[spec["repo"]] = repo
                repo.settings = spec.get("settings", {})
                for index, name in enumerate(spec.get("labels", [])):
                    repo.labels.append({"id": 100 + index, "name": name, "color": "ededed"})
                for pull in spec.get("pulls", []):
                    self.seed_pull(repo, pull)
                return self.reply(200, {"ok": True})
            if path == "/__control/state" and self.command == "GET":
                repo = self.forge.repo(self.query.get("repo", [""])[0])
                return self.reply(200, {"pulls": [self.render(repo, p) for p in repo.pulls], "requests": repo.requests})
        self.reply(404, {"message": "no such control endpoint"})

    def target_repo(self, name, write=False):
        if "missing" in name:
            raise Invalid(404, self.not_found())
        repo = self.forge.repo(name)
        self.record(repo)
        if repo.settings.get("failNext", 0) > 0:
            # settings.failNext = N: the next N API requests on the repository answer 500 (an outage that passes).
            repo.settings["failNext"] -= 1
            raise Invalid(500, {"message": "ferry-test: internal server error"})
        if write and "readonly" in name:
            raise Invalid(403, self.forbidden())
        return repo

    def close_fault(self, repo):
        """With the "failClose" setting, a request that closes a pull request answers that status."""
        status = repo.settings.get("failClose")
        if status:
            raise Invalid(status, {"message": "ferry-test: closing is refused with %d" % status} if self.forge.kind != "bitbucket"
                          else {"type": "error", "error": {"message": "ferry-test: declining is refused with %d" % status}})

    def int_query(self, name, default, maximum=None):
        values = self.query.get(name)
        if not values:
            return default
        try:
            value = int(values[0])
        except ValueError:
            raise Invalid(422, {"message": "ferry-test: query parameter %s must be an integer" % name})
        if value < 1 or (maximum and value > maximum):
            raise Invalid(422, {"message": "ferry-test: query parameter %s=%d is out of range" % (name, value)})
        return value

    def check_query(self, allowed):
        for key in self.query:
            if key not in allowed:
                raise Invalid(422, {"message": "ferry-test: unexpected query parameter %r (documented: %s)" % (key, ", ".join(sorted(allowed)))})

    def basic_ok(self, header):
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except Exception:
            return False
        return (user, password) == BASIC

    # Overridden per forge.
    def not_found(self):
        return {"message": "Not Found"}

    def forbidden(self):
        return {"message": "Forbidden"}
