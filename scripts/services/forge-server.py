#!/usr/bin/env python3
"""Starts the stand-in forge APIs (scripts/services/forge/*.py) for Ferry's pull-request tests:
   forge-server.py --github PORT --gitlab PORT --gitea PORT --bitbucket PORT"""
import argparse
import os
import sys
import threading
from http.server import ThreadingHTTPServer

# The tests open many connections at once; the default listen backlog of 5 drops some, and the kernel's
# SYN retries then stall a client for seconds.
ThreadingHTTPServer.request_queue_size = 1024

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "forge"))

from common import Forge  # noqa: E402
from github import GitHubHandler  # noqa: E402
from gitlab import GitLabHandler  # noqa: E402
from gitea import GiteaHandler  # noqa: E402
from bitbucket import BitbucketHandler  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("github", "gitlab", "gitea", "bitbucket"):
        parser.add_argument("--" + name, type=int, required=True)
    args = parser.parse_args()
    servers = []
    for name, base in (("github", GitHubHandler), ("gitlab", GitLabHandler), ("gitea", GiteaHandler), ("bitbucket", BitbucketHandler)):
        port = getattr(args, name)
        handler = type(base.__name__ + "Bound", (base,), {"forge": Forge(name), "port": port})
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        server.daemon_threads = True
        servers.append(server)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers[1:]]
    for thread in threads:
        thread.start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
