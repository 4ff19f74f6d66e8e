"""GitLab REST v4, as docs.gitlab.com/api documents it: merge_requests (list project merge requests, create MR,
update MR, merge a merge request), users (list users by username), rest (namespaced paths, pagination)."""
import re
from urllib.parse import unquote, urlencode

from common import Handler, Invalid, check_members, TOKEN, USERS

LIST = re.compile(r"^/api/v4/projects/([^/]+)/merge_requests$")
ONE = re.compile(r"^/api/v4/projects/([^/]+)/merge_requests/(\d+)$")
MERGE = re.compile(r"^/api/v4/projects/([^/]+)/merge_requests/(\d+)/merge$")


class GitLabHandler(Handler):
    def not_found(self):
        return {"message": "404 Project Not Found"}

    def forbidden(self):
        return {"message": "403 Forbidden"}

    def seed_pull(self, repo, spec):
        state = {"open": "opened", "closed": "closed", "merged": "merged"}.get(spec.get("state", "open"), spec.get("state"))
        pull = {"state": state, "title": spec["title"], "description": spec.get("body", ""), "source_branch": spec["source"],
                "target_branch": spec["target"], "labels": list(spec.get("labels", [])), "reviewers": [],
                "merge_when_pipeline_succeeds": False, "squash": False,
                # A merge request from a fork comes from another project.
                "target_project_id": 1, "source_project_id": 1 if spec.get("headRepo", repo.name) == repo.name else 2}
        repo.add_pull(pull)
        pull["iid"] = pull["number"]
        pull["id"] = 1000 + pull["number"]

    def render(self, repo, pull):
        out = {k: v for k, v in pull.items() if k != "number"}
        out["web_url"] = "%s/%s/-/merge_requests/%d" % (self.origin(), repo.name, pull["iid"])
        out["draft"] = pull["title"].startswith("Draft:")
        return out

    def route(self):
        if self.headers.get("PRIVATE-TOKEN") != TOKEN:
            return 401, {"message": "401 Unauthorized"}, {}
        if self.raw_path == "/api/v4/users" and self.command == "GET":
            self.check_query({"username", "page", "per_page"})
            name = self.query.get("username", [""])[0]
            users = [{"id": USERS[name], "username": name, "name": name.title(), "state": "active"}] if name in USERS else []
            return 200, users, {}
        for pattern, method, handler in ((LIST, "GET", self.list), (LIST, "POST", self.create), (ONE, "PUT", self.update),
                                         (MERGE, "PUT", self.merge)):
            match = pattern.match(self.raw_path)
            if match and self.command == method:
                encoded = match.group(1)
                if "%2F" not in encoded.upper() and not encoded.isdigit():
                    raise Invalid(404, {"message": "ferry-test: a project path must be URL-encoded (group%2Fproject)"})
                repo = self.target_repo(unquote(encoded), write=method != "GET")
                return handler(repo, *match.groups()[1:])
        return 404, {"message": "404 Not Found"}, {}

    def find(self, repo, iid):
        for pull in repo.pulls:
            if pull["iid"] == int(iid):
                return pull
        raise Invalid(404, {"message": "404 Not found"})

    def list(self, repo):
        self.check_query({"state", "source_branch", "target_branch", "per_page", "page", "order_by", "sort", "labels", "scope"})
        state = self.query.get("state", ["all"])[0]
        if state not in ("opened", "closed", "locked", "merged", "all"):
            raise Invalid(400, {"error": "state does not have a valid value"})
        per_page = self.int_query("per_page", 20, 100)
        page = self.int_query("page", 1)
        items = [p for p in repo.pulls if state == "all" or p["state"] == state]
        if not repo.settings.get("ignoreFilters"):
            for key in ("source_branch", "target_branch"):
                if key in self.query:
                    items = [p for p in items if p[key] == self.query[key][0]]
        items = repo.hide_once(items)
        chosen, more, per_page = repo.page(items, page, per_page)
        headers = {"X-Page": str(page), "X-Per-Page": str(per_page), "X-Total": str(len(items)), "X-Next-Page": str(page + 1) if more else ""}
        if more:
            params = [(k, v[0]) for k, v in self.query.items() if k not in ("page", "per_page")] + [("page", str(page + 1)), ("per_page", str(per_page))]
            headers["Link"] = '<%s%s?%s>; rel="next"' % (self.origin(), self.raw_path, urlencode(params))
        return 200, [self.render(repo, p) for p in chosen], headers

    def create(self, repo):
        check_members(self.body, {"source_branch", "target_branch", "title", "description", "labels", "reviewer_ids", "assignee_id",
                                  "assignee_ids", "remove_source_branch", "squash", "allow_collaboration", "milestone_id", "target_project_id"},
                      {"source_branch", "target_branch", "title"},
                      {"source_branch": "str", "target_branch": "str", "title": "str", "description": "str", "labels": "str",
                       "reviewer_ids": "[int]", "remove_source_branch": "bool", "squash": "bool"},
                      status=400, wrap=lambda m: {"error": "ferry-test: " + m})
        for pull in repo.pulls:
            if pull["state"] == "opened" and pull["source_branch"] == self.body["source_branch"] \
                    and pull["target_branch"] == self.body["target_branch"] and pull["source_project_id"] == pull["target_project_id"]:
                return 409, {"message": ["Another open merge request already exists for this source branch: !%d" % pull["iid"]]}, {}
        if self.body["source_branch"].startswith("nonexistent"):
            return 422, {"message": ["Source branch \"%s\" does not exist" % self.body["source_branch"]]}, {}
        for uid in self.body.get("reviewer_ids", []):
            if uid not in USERS.values():
                return 422, {"message": {"reviewers": ["is invalid"]}}, {}
        self.seed_pull(repo, {"source": self.body["source_branch"], "target": self.body["target_branch"], "title": self.body["title"],
                              "body": self.body.get("description", ""),
                              "labels": [l.strip() for l in self.body.get("labels", "").split(",") if l.strip()]})
        pull = repo.pulls[-1]
        names = {v: k for k, v in USERS.items()}
        pull["reviewers"] = [{"id": uid, "username": names[uid]} for uid in self.body.get("reviewer_ids", [])]
        return 201, self.render(repo, pull), {}

    def update(self, repo, iid):
        check_members(self.body, {"title", "description", "labels", "add_labels", "remove_labels", "reviewer_ids", "state_event",
                                  "target_branch", "assignee_id", "assignee_ids", "remove_source_branch", "squash", "discussion_locked",
                                  "milestone_id", "allow_collaboration"}, set(),
                      {"title": "str", "description": "str", "labels": "str", "add_labels": "str", "remove_labels": "str",
                       "reviewer_ids": "[int]", "state_event": "str"}, status=400, wrap=lambda m: {"error": "ferry-test: " + m})
        if not self.body:
            return 400, {"error": "ferry-test: at least one parameter must be given"}, {}
        if self.body.get("state_event", "close") not in ("close", "reopen"):
            return 400, {"error": "state_event does not have a valid value"}, {}
        pull = self.find(repo, iid)
        if "state_event" in self.body:
            self.close_fault(repo)
            if pull["state"] == "merged":
                return 405, {"message": "405 Method Not Allowed"}, {}
            pull["state"] = "closed" if self.body["state_event"] == "close" else "opened"
        for key in ("title", "description"):
            if key in self.body:
                pull[key] = self.body[key]
        for label in [l.strip() for l in self.body.get("add_labels", "").split(",") if l.strip()]:
            if label not in pull["labels"]:
                pull["labels"].append(label)
        return 200, self.render(repo, pull), {}

    def merge(self, repo, iid):
        check_members(self.body, {"merge_when_pipeline_succeeds", "auto_merge", "squash", "sha", "should_remove_source_branch",
                                  "merge_commit_message", "squash_commit_message"}, set(),
                      {"merge_when_pipeline_succeeds": "bool", "auto_merge": "bool", "squash": "bool", "sha": "str",
                       "should_remove_source_branch": "bool"}, status=400, wrap=lambda m: {"error": "ferry-test: " + m})
        pull = self.find(repo, iid)
        mode = repo.settings.get("autoMerge", "pending")
        if mode == "disallowed" or pull["state"] != "opened":
            return 405, {"message": "405 Method Not Allowed"}, {}
        pull["squash"] = self.body.get("squash", False)
        if mode == "clean":
            pull["state"] = "merged"
        elif self.body.get("merge_when_pipeline_succeeds") or self.body.get("auto_merge"):
            pull["merge_when_pipeline_succeeds"] = True
        else:
            pull["state"] = "merged"
        return 200, self.render(repo, pull), {}
