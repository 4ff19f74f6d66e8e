"""GitHub REST v3 and the GraphQL mutation enablePullRequestAutoMerge, as docs.github.com documents them:
rest/pulls/pulls (list, create, update, merge), rest/issues/labels (add labels to an issue),
rest/pulls/review-requests (request reviewers), graphql/reference/mutations#enablepullrequestautomerge."""
import re
from urllib.parse import urlencode

from common import Handler, Invalid, check_members, TOKEN, USERS, TEAMS

PULL = re.compile(r"^/repos/([^/]+)/([^/]+)/pulls$")
ONE = re.compile(r"^/repos/([^/]+)/([^/]+)/pulls/(\d+)$")
LABELS = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/(\d+)/labels$")
REVIEWERS = re.compile(r"^/repos/([^/]+)/([^/]+)/pulls/(\d+)/requested_reviewers$")
MERGE = re.compile(r"^/repos/([^/]+)/([^/]+)/pulls/(\d+)/merge$")


class GitHubHandler(Handler):
    def not_found(self):
        return {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}

    def forbidden(self):
        return {"message": "Resource not accessible by personal access token"}

    def seed_pull(self, repo, spec):
        owner = repo.name.split("/")[0]
        pull = {
            "state": spec.get("state", "open"), "title": spec["title"], "body": spec.get("body") or None, "draft": False,
            "head": {"ref": spec["source"], "label": spec.get("headRepo", repo.name).split("/")[0] + ":" + spec["source"], "repo": {"full_name": spec.get("headRepo", repo.name)}},
            "base": {"ref": spec["target"], "label": owner + ":" + spec["target"], "repo": {"full_name": repo.name}},
            "labels": [{"name": n} for n in spec.get("labels", [])], "requested_reviewers": [], "requested_teams": [],
            "auto_merge": None, "merged": False,
        }
        repo.add_pull(pull)
        # Node ids are global on GitHub: unique across repositories.
        pull["node_id"] = "PR_%s_%d" % (re.sub(r"[^A-Za-z0-9]", "_", repo.name), pull["number"])

    def render(self, repo, pull):
        out = dict(pull)
        out["html_url"] = "%s/%s/pull/%d" % (self.origin(), repo.name, pull["number"])
        out["url"] = "%s/repos/%s/pulls/%d" % (self.origin(), repo.name, pull["number"])
        return out

    def route(self):
        path = self.raw_path
        graphql = path in ("/graphql", "/api/graphql")
        if path.startswith("/api/v3/"):
            path = path[len("/api/v3"):]
        if "echo-token" in path:
            # A careless proxy that repeats the credentials it was given: the client must scrub them.
            return 401, {"message": "Bad credentials: %s" % self.headers.get("Authorization", "")}, {}
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return 401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}, {}
        if self.headers.get("Accept") != "application/vnd.github+json":
            raise Invalid(415, {"message": "ferry-test: Accept must be application/vnd.github+json"})
        if self.headers.get("X-GitHub-Api-Version") != "2022-11-28":
            raise Invalid(400, {"message": "ferry-test: X-GitHub-Api-Version must be 2022-11-28"})
        if graphql and self.command == "POST":
            return self.graphql()
        for pattern, method, handler in (
            (PULL, "GET", self.list), (PULL, "POST", self.create), (ONE, "PATCH", self.update), (LABELS, "POST", self.add_labels),
            (REVIEWERS, "POST", self.request_reviewers), (MERGE, "PUT", self.merge),
        ):
            match = pattern.match(path)
            if match and self.command == method:
                repo = self.target_repo(match.group(1) + "/" + match.group(2), write=method != "GET")
                return handler(repo, *match.groups()[2:])
        return 404, self.not_found(), {}

    def find(self, repo, number):
        for pull in repo.pulls:
            if pull["number"] == int(number):
                return pull
        raise Invalid(404, self.not_found())

    def list(self, repo):
        self.check_query({"state", "head", "base", "sort", "direction", "per_page", "page"})
        state = self.query.get("state", ["open"])[0]
        if state not in ("open", "closed", "all"):
            raise Invalid(422, {"message": "ferry-test: state must be open, closed or all"})
        head = self.query.get("head", [None])[0]
        if head is not None and ":" not in head:
            raise Invalid(422, {"message": "ferry-test: head must be user:ref-name or organization:ref-name"})
        base = self.query.get("base", [None])[0]
        per_page = self.int_query("per_page", 30, 100)
        page = self.int_query("page", 1)
        items = [p for p in repo.pulls if state == "all" or p["state"] == state]
        if not repo.settings.get("ignoreFilters"):
            if head:
                items = [p for p in items if p["head"]["label"] == head]
            if base:
                items = [p for p in items if p["base"]["ref"] == base]
        items = repo.hide_once(items)
        chosen, more, per_page = repo.page(items, page, per_page)
        headers = {}
        if more:
            params = [(k, v) for k, v in (("state", state), ("head", head or ""), ("base", base or ""), ("per_page", str(per_page)),
                                          ("page", str(page + 1))) if v]
            prefix = "/api/v3" if self.raw_path.startswith("/api/v3/") else ""
            headers["Link"] = '<%s%s/repos/%s/pulls?%s>; rel="next"' % (self.origin(), prefix, repo.name, urlencode(params))
        return 200, [self.render(repo, p) for p in chosen], headers

    def create(self, repo):
        check_members(self.body, {"title", "head", "head_repo", "base", "body", "maintainer_can_modify", "draft", "issue"},
                      {"head", "base"}, {"title": "str", "head": "str", "base": "str", "body": "str", "draft": "bool",
                                         "maintainer_can_modify": "bool"})
        if "title" not in self.body and "issue" not in self.body:
            raise Invalid(422, {"message": "ferry-test: title is required unless issue is given"})
        if self.body["head"].startswith("nonexistent"):
            return 422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "field": "head", "code": "invalid"}]}, {}
        for pull in repo.pulls:
            owner = repo.name.split("/")[0]
            if pull["state"] == "open" and pull["head"]["label"] == owner + ":" + self.body["head"] and pull["base"]["ref"] == self.body["base"]:
                return 422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "code": "custom",
                             "message": "A pull request already exists for %s:%s." % (owner, self.body["head"])}]}, {}
        self.seed_pull(repo, {"source": self.body["head"], "target": self.body["base"], "title": self.body["title"],
                              "body": self.body.get("body")})
        pull = repo.pulls[-1]
        pull["draft"] = self.body.get("draft", False)
        return 201, self.render(repo, pull), {}

    def update(self, repo, number):
        check_members(self.body, {"title", "body", "state", "base", "maintainer_can_modify"}, set(),
                      {"title": "str", "body": "str", "state": "str", "base": "str", "maintainer_can_modify": "bool"})
        if self.body.get("state", "open") not in ("open", "closed"):
            raise Invalid(422, {"message": "ferry-test: state must be open or closed"})
        pull = self.find(repo, number)
        if "state" in self.body:
            self.close_fault(repo)
            if pull.get("merged") and self.body["state"] == "open":
                return 422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "code": "custom",
                             "message": "state cannot be changed. The pull request has been merged."}]}, {}
            pull["state"] = self.body["state"]
        if "title" in self.body:
            pull["title"] = self.body["title"]
        if "body" in self.body:
            pull["body"] = self.body["body"] or None
        return 200, self.render(repo, pull), {}

    def add_labels(self, repo, number):
        check_members(self.body, {"labels"}, {"labels"}, {"labels": "[str]"})
        pull = self.find(repo, number)
        if not self.body["labels"]:
            raise Invalid(422, {"message": "ferry-test: labels must not be empty"})
        for name in self.body["labels"]:
            if name.lower() not in [l["name"].lower() for l in pull["labels"]]:
                pull["labels"].append({"name": name})
        return 200, [{"id": i + 1, "name": l["name"], "color": "ededed"} for i, l in enumerate(pull["labels"])], {}

    def request_reviewers(self, repo, number):
        check_members(self.body, {"reviewers", "team_reviewers"}, set(), {"reviewers": "[str]", "team_reviewers": "[str]"})
        pull = self.find(repo, number)
        users, teams = self.body.get("reviewers", []), self.body.get("team_reviewers", [])
        if not users and not teams:
            raise Invalid(422, {"message": "ferry-test: reviewers or team_reviewers is required"})
        for login in users:
            if login not in USERS:
                return 422, {"message": "Reviews may only be requested from collaborators. One or more of the users or teams you specified "
                                        "is not a collaborator of the %s repository." % repo.name}, {}
        for slug in teams:
            if slug not in TEAMS:
                return 422, {"message": "Could not resolve to a node with the global id of '%s'." % slug}, {}
        pull["requested_reviewers"] += [{"login": u} for u in users]
        pull["requested_teams"] += [{"slug": t} for t in teams]
        return 201, self.render(repo, pull), {}

    def merge(self, repo, number):
        check_members(self.body, {"commit_title", "commit_message", "sha", "merge_method"}, set(),
                      {"commit_title": "str", "commit_message": "str", "sha": "str", "merge_method": "str"})
        if self.body.get("merge_method", "merge") not in ("merge", "squash", "rebase"):
            raise Invalid(422, {"message": "ferry-test: merge_method must be merge, squash or rebase"})
        pull = self.find(repo, number)
        if repo.settings.get("autoMerge") == "disallowed":
            return 405, {"message": "Pull Request is not mergeable"}, {}
        pull["state"], pull["merged"] = "closed", True
        return 200, {"sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e", "merged": True, "message": "Pull Request successfully merged"}, {}

    def graphql(self):
        check_members(self.body, {"query", "variables", "operationName"}, {"query"}, {"query": "str", "variables": "obj"})
        query = self.body["query"]
        if "enablePullRequestAutoMerge" not in query or not query.lstrip().startswith("mutation"):
            return 200, {"errors": [{"message": "ferry-test: only the enablePullRequestAutoMerge mutation is served"}]}, {}
        variables = self.body.get("variables") or {}
        for name, kind in (("pullRequestId", "ID!"), ("mergeMethod", "PullRequestMergeMethod!")):
            if "$%s: %s" % (name, kind) not in query:
                return 200, {"errors": [{"message": "ferry-test: the mutation must declare $%s: %s" % (name, kind)}]}, {}
        if "pullRequestId: $pullRequestId" not in query or "mergeMethod: $mergeMethod" not in query:
            return 200, {"errors": [{"message": "ferry-test: the input must pass pullRequestId and mergeMethod"}]}, {}
        if variables.get("mergeMethod") not in ("MERGE", "SQUASH", "REBASE"):
            return 200, {"errors": [{"message": "Variable $mergeMethod of type PullRequestMergeMethod! was provided invalid value"}]}, {}
        for repo in self.forge.repos.values():
            for pull in repo.pulls:
                if pull.get("node_id") == variables.get("pullRequestId"):
                    self.record(repo)
                    mode = repo.settings.get("autoMerge", "pending")
                    if mode == "clean":
                        return 200, {"data": {"enablePullRequestAutoMerge": None}, "errors": [{"type": "UNPROCESSABLE",
                                     "path": ["enablePullRequestAutoMerge"], "message": "Pull request Pull request is in clean status"}]}, {}
                    if mode == "disallowed":
                        return 200, {"data": {"enablePullRequestAutoMerge": None}, "errors": [{"type": "UNPROCESSABLE",
                                     "path": ["enablePullRequestAutoMerge"], "message": "Pull request Auto merge is not allowed for this repository"}]}, {}
                    pull["auto_merge"] = {"merge_method": variables["mergeMethod"].lower(), "enabled_by": {"login": "ferry-bot"}}
                    return 200, {"data": {"enablePullRequestAutoMerge": {"pullRequest": {"autoMergeRequest": {
                        "enabledAt": "2026-01-01T00:00:00Z"}}}}}, {}
        return 200, {"data": {"enablePullRequestAutoMerge": None}, "errors": [{"type": "NOT_FOUND",
                     "message": "Could not resolve to a node with the global id of '%s'" % variables.get("pullRequestId")}]}, {}
