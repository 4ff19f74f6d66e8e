#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from the conformance fixtures in Tests/ and the seed
manifests (run from anywhere; rerun after the fixtures change). Seeds are small inputs in each harness's input
format; files named `seed-*` are rewritten, other files (crash regressions `crash-*`, minimized finds) are kept."""
import glob
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests", "FerryCoreTests", "Fixtures")
MAX_SEEDS = 120
MAX_BYTES = 4096


def load(path):
    with open(os.path.join(FIX, path), encoding="utf-8") as f:
        return json.load(f)


def write(target, items):
    directory = os.path.join(ROOT, "fuzz", "corpus", target)
    os.makedirs(directory, exist_ok=True)
    for old in glob.glob(os.path.join(directory, "seed-*")):
        os.remove(old)
    seen = set()
    for item in items:
        data = item if isinstance(item, bytes) else item.encode("utf-8")
        if len(data) > MAX_BYTES or data in seen:
            continue
        seen.add(data)
        if len(seen) > MAX_SEEDS:
            break
        name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    print(f"{target}: {len(seen)} seeds")


def spread(items, count=MAX_SEEDS):
    """At most `count` items, taken evenly across the list so every group of cases is represented."""
    items = list(items)
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def semver():
    versions = [case["input"] for case in load("conformance/semver-versions.json")]
    pairs = [f"{c['a']}\n{c['b']}" for c in load("conformance/semver-compare.json")["comparisons"]]
    write("semver", spread(versions, 80) + spread(pairs, 40))


def constraint():
    cases = load("conformance/semver-constraints.json")
    by_range = {}
    for case in cases:
        versions = by_range.setdefault(case["constraint"], [])
        if "version" in case:
            versions.append(case["version"])
    items = [text + "\n" + "\n".join(versions[:8]) for text, versions in by_range.items()]
    for case in load("conformance/policy-cases.json"):
        semver = (case.get("policy") or {}).get("semver")
        if semver:
            items.append(semver["range"] + "\n" + "\n".join((case["tags"] or [])[:16]))
    write("constraint", spread(items))


def regex():
    items = []
    for case in load("conformance/filter-cases.json"):
        items.append(f"{case['pattern']}\n{case['extract']}\n" + "\n".join((case["tags"] or [])[:16]))
    for name in ("regex/go-regexp-cases.json", "regex/go-onepass.json"):
        for pattern in load(name)["patterns"]:
            subjects = [c["subject"] for c in pattern.get("cases", [])][:8]
            if "\n" in pattern["pattern"] or any("\n" in s for s in subjects):
                continue
            items.append(pattern["pattern"] + "\n\n" + "\n".join(subjects))
    write("regex", spread(items))


def setters():
    files = sorted(glob.glob(os.path.join(FIX, "setters-golden", "*", "*.yaml")))
    files += sorted(glob.glob(os.path.join(FIX, "conformance", "setters", "**", "*.yaml"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "Tests", "FerryE2ETests", "Seeds", "*", "repo", "**", "*.yaml"), recursive=True))
    items = []
    for path in files:
        if not os.path.isfile(path):
            continue  # a dangling symbolic link of the fixtures
        with open(path, "rb") as f:
            data = f.read()
        # The harness's policies are flux-system:app, default:web and flux-system:odd: point some markers at them.
        items.append(data)
        if b"$imagepolicy" in data:
            items.append(re.sub(rb'("\$imagepolicy": *")[^":]+:[^":]+', rb"\1flux-system:app", data))
    items.append(b'image: nginx:1.0 # {"$imagepolicy": "flux-system:app"}\ntag: "1.0" # {"$imagepolicy": "default:web:tag"}\n')
    items.append(b'spec:\n  values:\n    tag: x # {"$imagepolicy": "flux-system:odd:tag"}\n    name: y # {"$imagepolicy": "flux-system:odd:name"}\n')
    items.append(b'a:\n  # {"$imagepolicy": "flux-system:app:digest"}\n  - d\n')
    write("setters", spread(items))


def template():
    items = [case["template"] for case in load("templates/go-template-cases.json")["cases"]]
    items += [case["template"] for case in load("templates/sprig-hermetic-cases.json")["cases"]]
    items += [case["template"] for case in load("conformance/templates.json")]
    for path in sorted(glob.glob(os.path.join(FIX, "templates", "seeds", "*.tmpl"))):
        with open(path, encoding="utf-8") as f:
            items.append(f.read())
    write("template", spread(items))


def manifests():
    files = sorted(glob.glob(os.path.join(ROOT, "Tests", "FerryE2ETests", "Seeds", "*", "manifests", "**", "*.yaml"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "Tests", "FerryE2ETests", "Seeds", "*", "secrets", "**", "*.yaml"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "Tests", "FerryManifestsTests", "Fixtures", "*.yaml")))
    files += sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.yaml"), recursive=True))
    items = []
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        items.append(data)
        # Single documents too, so each kind is a small seed of its own.
        items += [b"---\n" + doc.strip() + b"\n" for doc in data.split(b"\n---") if doc.strip()]
    write("manifests", spread(items))


def registry():
    # From Tests/FerryRegistryTests/WireFormatTests.swift and the registries' documented replies.
    write("registry-tags", [
        '{"name":"a","tags":["1.0.0","latest"]}',
        '  { "tags" : [ ] , "name" : "team/app" }  ',
        '{"name":"a","tags":null}',
        '{"tags":["a\\"b","c\\\\d","\\u0041\\u00e9","\\ud83d\\ude00","x\\/y"]}',
        '{"child":[{"x":[1,2.5e3,true,false,null]}],"name":"n","tags":["t"],"extra":{"k":"v"}}',
        '{"name":"a","tags":["1.0.0", 1.2.3 oops',
        '{"tags":["a"]} trailing',
        '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}',
        '{"name":"library/alpine","tags":["3.18","3.19","3.20","edge","latest"]}',
        '{\n  "name": "stefanprodan/podinfo",\n  "tags": [\n    "6.5.0",\n    "6.5.1",\n    "6.6.0-rc.1"\n  ]\n}\n',
    ])
    write("registry-link", [
        '</v2/app/tags/list?last=1.0.10&n=3>; rel="next"',
        '<https://r.example/v2/app/tags/list?last=b>;rel=next',
        '<https://x/prev>; rel="prev", </v2/a/tags/list?last=z>; rel="next"',
        '</a>; title="x"; rel="first next"',
        '<?last=b>; rel="next"',
        '<../other/tags/list>; rel="next"',
        '<//other:1/v2/a>; rel="next"\nhttps://r:5000/v2/app/tags/list?n=1000',
        '<list?last=c>; rel="next"\nhttp://registry.local/v2/x/tags/list',
    ])
    write("registry-auth", [
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
        'Basic realm="x", Bearer realm="https://r/t",service=s',
        'Basic realm="basic-realm"',
        'Bearer realm="a\\"b"',
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:org/app:pull",error="insufficient_scope"',
        '120',
        'Wed, 21 Oct 2015 07:28:00 GMT',
        'Sun, 06 Nov 1994 08:49:37 GMT',
        '  7  ',
    ])


def main():
    for step in (semver, constraint, regex, setters, template, manifests, registry):
        try:
            step()
        except (OSError, KeyError, ValueError) as error:
            print(f"{step.__name__}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
