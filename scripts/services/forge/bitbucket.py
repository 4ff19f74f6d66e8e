"""Bitbucket Cloud REST 2.0, as developer.atlassian.com/cloud/bitbucket/rest documents it: api-group-pullrequests (list
with q and pagelen, create, get, update), intro#filtering (the query language), intro#pagination (next links)."""
import re
from urllib.parse import urlencode

from common import Handler, Invalid, check_members, TOKEN

PULLS = re.compile(r"^/2.0/repositories/([^/]+)/([^/]+)/pullrequests$")
ONE = re.compile(r"^/2.0/repositories/([^/]+)/([^/]+)/pullrequests/(\d+)$")
DECLINE = re.compile(r"^/2.0/repositories/([^/]+)/([^/]+)/pullrequests/(\d+)/decline$")
CLAUSE = re.compile(r'^\s*(source\.branch\.name|destination\.branch\.name|state)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$')


def error(message, fields=None):
    body = {"type": "error", "error": {"message": message}}
    if fields:
        body["error"]["fields"] = fields
    return body


class BitbucketHandler(Handler):
    def not_found(self):
        return error("Repository not found")

    def forbidden(self):
        return error("You do not have access to this repository.")

    def seed_pull(self, repo, spec):
        state = {"open": "OPEN", "closed": "DECLINED", "merged": "MERGED"}.get(spec.get("state", "open"), spec.get("state"))
        pull = {"state": state, "title": spec["title"], "description": spec.get("body", ""), "draft": False,
                "source": {"branch": {"name": spec["source"]}, "repository": {"full_name": repo.name}},
                "destination": {"branch": {"name": spec["target"]}, "repository": {"full_name": repo.name}}, "reviewers": []}
        repo.add_pull(pull)
        pull["id"] = pull["number"]

    def render(self, repo, pull, partial=False):
        out = {k: v for k, v in pull.items() if k != "number"}
        out["type"] = "pullrequest"
        out["links"] = {"html": {"href": "%s/%s/pull-requests/%d" % (self.origin(), repo.name, pull["id"])},
                        "self": {"href": "%s/2.0/repositories/%s/pullrequests/%d" % (self.origin(), repo.name, pull["id"])}}
        if partial:
            # Listing items are partial representations; the description comes with GET of one pull request.
            out.pop("description", None)
            out.pop("reviewers", None)
        return out

    def authorized(self):
        header = self.headers.get("Authorization") or ""
        return header == "Bearer " + TOKEN or self.basic_ok(header)

    def route(self):
        if not self.authorized():
            return 401, error("Token is invalid, expired, or not supported for this endpoint."), {}
        for pattern, method, handler in ((PULLS, "GET", self.list), (PULLS, "POST", self.create), (ONE, "GET", self.get),
                                         (ONE, "PUT", self.update), (DECLINE, "POST", self.decline)):
            match = pattern.match(self.raw_path)
            if match and self.command == method:
                repo = self.target_repo(match.group(1) + "/" + match.group(2), write=method != "GET")
                return handler(repo, *match.groups()[2:])
        return 404, error("Resource not found"), {}

    def find(self, repo, number):
        for pull in repo.pulls:
            if pull["id"] == int(number):
                return pull
        raise Invalid(404, error("Pull request not found"))

    def parse_q(self, text):
        clauses = {}
        for part in re.split(r"\s+AND\s+", text.strip()):
            match = CLAUSE.match(part)
            if not match:
                raise Invalid(400, error("Invalid query: ferry-test: cannot read %r (expected field = \"value\" joined by AND)" % part))
            clauses[match.group(1)] = re.sub(r"\\(.)", r"\1", match.group(2))
        return clauses

    def list(self, repo):
        self.check_query({"q", "pagelen", "page", "state", "sort", "fields"})
        clauses = self.parse_q(self.query["q"][0]) if "q" in self.query else {}
        pagelen = self.int_query("pagelen", 10, 50)
        page = self.int_query("page", 1)
        states = self.query.get("state", ["OPEN"])
        items = [p for p in repo.pulls if p["state"] in states or "state" in clauses]
        if not repo.settings.get("ignoreFilters"):
            for field, value in clauses.items():
                if field == "state":
                    items = [p for p in items if p["state"] == value]
                elif field == "source.branch.name":
                    items = [p for p in items if p["source"]["branch"]["name"] == value]
                else:
                    items = [p for p in items if p["destination"]["branch"]["name"] == value]
        chosen, more, pagelen = repo.page(items, page, pagelen)
        body = {"pagelen": pagelen, "size": len(items), "page": page, "values": [self.render(repo, p, partial=True) for p in chosen]}
        if more:
            params = [(k, v[0]) for k, v in self.query.items() if k != "page"] + [("page", str(page + 1))]
            body["next"] = "%s%s?%s" % (self.origin(), self.raw_path, urlencode(params))
        return 200, body, {}

    def get(self, repo, number):
        return 200, self.render(repo, self.find(repo, number)), {}

    def check_reviewers(self):
        for reviewer in self.body.get("reviewers", []):
            if not isinstance(reviewer, dict) or len(reviewer) != 1 or not (set(reviewer) <= {"uuid", "account_id"}) \
                    or not isinstance(list(reviewer.values())[0], str):
                raise Invalid(400, error("ferry-test: a reviewer is an object with one member, uuid or account_id", {"reviewers": [str(reviewer)]}))
            if "uuid" in reviewer and not re.match(r"^\{[0-9a-fA-F-]+\}$", reviewer["uuid"]):
                raise Invalid(400, error("ferry-test: a uuid is written in braces", {"reviewers": [reviewer["uuid"]]}))

    def create(self, repo):
        check_members(self.body, {"title", "description", "source", "destination", "reviewers", "close_source_branch", "draft", "summary"},
                      {"title", "source"}, {"title": "str", "description": "str", "source": "obj", "destination": "obj",
                                            "reviewers": "list", "close_source_branch": "bool", "draft": "bool"},
                      status=400, wrap=lambda m: error("ferry-test: " + m))
        for side in ("source", "destination"):
            endpoint = self.body.get(side, {"branch": {"name": "main"}})
            if set(endpoint) - {"branch", "repository", "commit"} or not isinstance(endpoint.get("branch"), dict) \
                    or set(endpoint["branch"]) != {"name"} or not isinstance(endpoint["branch"]["name"], str):
                raise Invalid(400, error("ferry-test: %s must be {\"branch\": {\"name\": \"…\"}}" % side))
        self.check_reviewers()
        source, target = self.body["source"]["branch"]["name"], self.body.get("destination", {"branch": {"name": "main"}})["branch"]["name"]
        if source.startswith("nonexistent"):
            return 400, error("source: branch not found: %s" % source, {"source": ["branch not found: %s" % source]}), {}
        for pull in repo.pulls:
            if pull["state"] == "OPEN" and pull["source"]["branch"]["name"] == source and pull["destination"]["branch"]["name"] == target:
                return 400, error("ferry-test: an open pull request already exists for %s into %s (a client must find it first)" % (source, target)), {}
        self.seed_pull(repo, {"source": source, "target": target, "title": self.body["title"], "body": self.body.get("description", "")})
        pull = repo.pulls[-1]
        pull["draft"] = self.body.get("draft", False)
        pull["reviewers"] = self.body.get("reviewers", [])
        return 201, self.render(repo, pull), {}

    def decline(self, repo, number):
        # The operation takes no request body (api-group-pullrequests, "Decline a pull request").
        if self.body is not None:
            raise Invalid(400, error("ferry-test: declining a pull request takes no body"))
        pull = self.find(repo, number)
        self.close_fault(repo)
        if pull["state"] != "OPEN":
            return 400, error("ferry-test: only an open pull request can be declined (this one is %s)" % pull["state"]), {}
        pull["state"] = "DECLINED"
        return 200, self.render(repo, pull), {}

    def update(self, repo, number):
        check_members(self.body, {"title", "description", "reviewers", "destination", "close_source_branch", "draft"}, set(),
                      {"title": "str", "description": "str", "reviewers": "list", "destination": "obj", "close_source_branch": "bool",
                       "draft": "bool"}, status=400, wrap=lambda m: error("ferry-test: " + m))
        self.check_reviewers()
        pull = self.find(repo, number)
        if pull["state"] != "OPEN":
            return 400, error("Only open pull requests can be updated"), {}
        for key in ("title", "description", "draft"):
            if key in self.body:
                pull[key] = self.body[key]
        return 200, self.render(repo, pull), {}
