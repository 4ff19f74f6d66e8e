"""Gitea / Forgejo API v1, as the servers' swagger.v1.json documents it: repoListPullRequests, repoCreatePullRequest,
repoEditPullRequest, repoMergePullRequest (MergePullRequestOption, merge_when_checks_succeed), repoCreatePullReviewRequests,
issueListLabels, issueAddLabel."""
import re
from urllib.parse import urlencode

from common import Handler, Invalid, check_members, TOKEN, USERS, TEAMS

PULLS = re.compile(r"^/api/v1/repos/([^/]+)/([^/]+)/pulls$")
ONE = re.compile(r"^/api/v1/repos/([^/]+)/([^/]+)/pulls/(\d+)$")
MERGE = re.compile(r"^/api/v1/repos/([^/]+)/([^/]+)/pulls/(\d+)/merge$")
REVIEWERS = re.compile(r"^/api/v1/repos/([^/]+)/([^/]+)/pulls/(\d+)/requested_reviewers$")
REPO_LABELS = re.compile(r"^/api/v1/repos/([^/]+)/([^/]+)/labels$")
ISSUE_LABELS = re.compile(r"^/api/v1/repos/([^/]+)/([^/]+)/issues/(\d+)/labels$")


class GiteaHandler(Handler):
    def not_found(self):
        return {"errors": ["repository does not exist"], "message": "The target couldn't be found.", "url": self.origin() + "/api/swagger"}

    def forbidden(self):
        return {"message": "user should have a permission to write to the target branch"}

    def seed_pull(self, repo, spec):
        labels = [l for l in repo.labels if l["name"] in spec.get("labels", [])]
        pull = {"state": spec.get("state", "open"), "title": spec["title"], "body": spec.get("body", ""), "merged": False,
                "head": {"ref": spec["source"], "label": spec["source"], "repo": {"full_name": spec.get("headRepo", repo.name)}},
                "base": {"ref": spec["target"], "label": spec["target"], "repo": {"full_name": repo.name}},
                "labels": labels, "requested_reviewers": [], "scheduled": False}
        repo.add_pull(pull)
        pull["id"] = 5000 + pull["number"]

    def render(self, repo, pull):
        out = {k: v for k, v in pull.items() if k != "scheduled"}
        out["html_url"] = "%s/%s/pulls/%d" % (self.origin(), repo.name, pull["number"])
        return out

    def authorized(self):
        header = self.headers.get("Authorization") or ""
        return header == "token " + TOKEN or self.basic_ok(header)

    def route(self):
        if not self.authorized():
            return 401, {"message": "user does not exist [uid: 0, name: ]", "url": self.origin() + "/api/swagger"}, {}
        for pattern, method, handler in (
            (PULLS, "GET", self.list), (PULLS, "POST", self.create), (ONE, "PATCH", self.edit), (MERGE, "POST", self.merge),
            (REVIEWERS, "POST", self.reviewers), (REPO_LABELS, "GET", self.labels), (ISSUE_LABELS, "POST", self.add_labels),
        ):
            match = pattern.match(self.raw_path)
            if match and self.command == method:
                repo = self.target_repo(match.group(1) + "/" + match.group(2), write=method != "GET")
                return handler(repo, *match.groups()[2:])
        return 404, {"message": "The target couldn't be found."}, {}

    def find(self, repo, index):
        for pull in repo.pulls:
            if pull["number"] == int(index):
                return pull
        raise Invalid(404, {"message": "pull request does not exist"})

    def paged(self, repo, items, path_params):
        page = self.int_query("page", 1)
        limit = self.int_query("limit", 30, 50)
        chosen, more, limit = repo.page(items, page, limit)
        headers = {"X-Total-Count": str(len(items))}
        if more:
            params = path_params + [("page", str(page + 1)), ("limit", str(limit))]
            headers["Link"] = '<%s%s?%s>; rel="next"' % (self.origin(), self.raw_path, urlencode(params))
        return chosen, headers

    def list(self, repo):
        self.check_query({"state", "sort", "milestone", "labels", "poster", "page", "limit"})
        state = self.query.get("state", ["open"])[0]
        if state not in ("open", "closed", "all"):
            raise Invalid(422, {"message": "ferry-test: state must be open, closed or all"})
        items = [p for p in repo.pulls if state == "all" or p["state"] == state]
        items = repo.hide_once(items)
        chosen, headers = self.paged(repo, items, [("state", state)])
        return 200, [self.render(repo, p) for p in chosen], headers

    def labels(self, repo):
        self.check_query({"page", "limit"})
        chosen, headers = self.paged(repo, repo.labels, [])
        return 200, chosen, headers

    def label_objects(self, repo, ids):
        found = []
        for label_id in ids:
            match = [l for l in repo.labels if l["id"] == label_id]
            if not match:
                raise Invalid(422, {"message": "ferry-test: label %d does not exist in %s" % (label_id, repo.name)})
            found.append(match[0])
        return found

    def create(self, repo):
        check_members(self.body, {"head", "base", "title", "body", "labels", "assignee", "assignees", "milestone", "due_date", "reviewers",
                                  "team_reviewers"},
                      {"head", "base", "title"}, {"head": "str", "base": "str", "title": "str", "body": "str", "labels": "[int]",
                                                  "assignees": "[str]"})
        for pull in repo.pulls:
            if pull["state"] == "open" and pull["head"]["ref"] == self.body["head"] and pull["base"]["ref"] == self.body["base"] \
                    and pull["head"]["repo"]["full_name"] == repo.name:
                return 409, {"message": "pull request already exists for these targets [id: %d, issue_id: %d, head_repo_id: 1, base_repo_id: 1, "
                                        "head_branch: %s, base_branch: %s]" % (pull["id"], pull["id"], self.body["head"], self.body["base"])}, {}
        if self.body["head"].startswith("nonexistent"):
            return 404, {"message": "The target couldn't be found."}, {}
        labels = self.label_objects(repo, self.body.get("labels", []))
        self.seed_pull(repo, {"source": self.body["head"], "target": self.body["base"], "title": self.body["title"], "body": self.body.get("body", "")})
        repo.pulls[-1]["labels"] = labels
        return 201, self.render(repo, repo.pulls[-1]), {}

    def edit(self, repo, index):
        check_members(self.body, {"title", "body", "labels", "state", "base", "assignee", "assignees", "milestone", "due_date", "unset_due_date",
                                  "allow_maintainer_edit"}, set(),
                      {"title": "str", "body": "str", "labels": "[int]", "state": "str", "base": "str"})
        if self.body.get("state", "open") not in ("open", "closed"):
            raise Invalid(422, {"message": "ferry-test: state must be open or closed"})
        pull = self.find(repo, index)
        if "state" in self.body:
            self.close_fault(repo)
            if pull["merged"]:
                return 409, {"message": "cannot change state of this pull request, it was already merged"}, {}
            pull["state"] = self.body["state"]
        for key in ("title", "body"):
            if key in self.body:
                pull[key] = self.body[key]
        if "labels" in self.body:
            pull["labels"] = self.label_objects(repo, self.body["labels"])
        return 201, self.render(repo, pull), {}

    def add_labels(self, repo, index):
        check_members(self.body, {"labels"}, {"labels"}, {"labels": "[int]"})
        pull = self.find(repo, index)
        for label in self.label_objects(repo, self.body["labels"]):
            if label not in pull["labels"]:
                pull["labels"].append(label)
        return 200, pull["labels"], {}

    def reviewers(self, repo, index):
        check_members(self.body, {"reviewers", "team_reviewers"}, set(), {"reviewers": "[str]", "team_reviewers": "[str]"})
        pull = self.find(repo, index)
        for name in self.body.get("reviewers", []):
            if name not in USERS:
                return 422, {"message": "user does not exist [uid: 0, name: %s]" % name}, {}
        for team in self.body.get("team_reviewers", []):
            if team not in TEAMS:
                return 404, {"message": "team does not exist"}, {}
        pull["requested_reviewers"] += [{"login": n} for n in self.body.get("reviewers", [])]
        return 201, [{"id": i + 1, "type": "REQUEST_REVIEW", "user": {"login": n}} for i, n in enumerate(self.body.get("reviewers", []))], {}

    def merge(self, repo, index):
        check_members(self.body, {"Do", "MergeTitleField", "MergeMessageField", "MergeCommitID", "head_commit_id", "force_merge",
                                  "merge_when_checks_succeed", "delete_branch_after_merge"}, {"Do"},
                      {"Do": "str", "merge_when_checks_succeed": "bool", "force_merge": "bool", "delete_branch_after_merge": "bool"})
        if self.body["Do"] not in ("merge", "rebase", "rebase-merge", "squash", "fast-forward-only", "manually-merged"):
            raise Invalid(422, {"message": "ferry-test: Do must be merge, rebase, rebase-merge, squash, fast-forward-only or manually-merged"})
        pull = self.find(repo, index)
        mode = repo.settings.get("autoMerge", "pending")
        if mode == "disallowed":
            return 405, {"message": "Please try again later"}, {}
        if mode == "pending" and self.body.get("merge_when_checks_succeed"):
            if pull["scheduled"]:
                return 409, {"message": "pull request is already scheduled to auto merge when checks succeed"}, {}
            pull["scheduled"] = True
            return 201, None, {}
        pull["state"], pull["merged"] = "closed", True
        return 200, None, {}
