#!/usr/bin/env bash
# The floor for benchmarks/git.sh: the same automation run done with plain git in a shell.
#   git-floor.sh warm CLONE_DIR FILE     # fetch, reset, change FILE, commit, push (a kept clone, made
#                                        # with clone --depth 1; later fetches are incremental)
#   git-floor.sh cold URL FILE           # clone --depth 1, change FILE, commit, push, remove
set -euo pipefail
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0 LC_ALL=C
export GIT_AUTHOR_NAME="Floor Bench" GIT_AUTHOR_EMAIL=floor@ferry.invalid GIT_COMMITTER_NAME="Floor Bench" GIT_COMMITTER_EMAIL=floor@ferry.invalid
mode=$1 target=$2 file=$3
bump() { sed -i "s|\(image: [^ ]*:\)[^ ]*|\1 1.$(date +%s%N)|; s|: 1\.|:1.|" "$1"; }
case "$mode" in
  warm)
    cd "$target"
    git fetch -q origin +refs/heads/main:refs/remotes/origin/main
    git reset -q --hard refs/remotes/origin/main
    bump "$file"
    git commit -q -am "floor bump"
    git push -q origin HEAD:refs/heads/main;;
  cold)
    dir=$(mktemp -d)
    git clone -q --depth 1 --branch main --no-tags "$target" "$dir/repo"
    cd "$dir/repo"
    bump "$file"
    git commit -q -am "floor bump"
    git push -q origin HEAD:refs/heads/main
    cd / && rm -rf "$dir";;
esac
