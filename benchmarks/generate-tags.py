#!/usr/bin/env python3
"""Writes N distinct, realistic, mixed image tags (one a line) for the selection benchmark.

Mix: semver releases (some with a v prefix), prereleases, non-version names, Flux-style
`main-<sha>-<unix time>` build tags, minio-style `RELEASE.<timestamp>Z` tags, CalVer and
date-stamped tags. Deterministic for a given --seed.

    benchmarks/generate-tags.py --count 100000 --seed 1 > tags.txt
"""
import argparse
import random


def tag(rng: random.Random) -> str:
    kind = rng.random()
    major, minor, patch = rng.randint(0, 12), rng.randint(0, 40), rng.randint(0, 200)
    if kind < 0.35:
        return f"{'v' if rng.random() < 0.3 else ''}{major}.{minor}.{patch}"
    if kind < 0.50:
        label = rng.choice(["rc", "beta", "alpha", "pre"])
        return f"{major}.{minor}.{patch}-{label}.{rng.randint(0, 30)}"
    if kind < 0.60:
        return rng.choice(["latest", "main", "edge", "stable", "nightly"]) + f"-{rng.getrandbits(28):07x}"
    if kind < 0.78:
        return f"main-{rng.getrandbits(28):07x}-{rng.randint(1_600_000_000, 1_760_000_000)}"
    if kind < 0.90:
        year, month, day = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
        hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        return f"RELEASE.{year}-{month:02d}-{day:02d}T{hh:02d}-{mm:02d}-{ss:02d}Z"
    if kind < 0.95:
        return f"{rng.randint(2019, 2026)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
    return f"{rng.randint(20190101, 20261231)}-{rng.getrandbits(24):06x}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seen: set[str] = set()
    out = []
    while len(out) < args.count:
        t = tag(rng)
        if t not in seen:
            seen.add(t)
            out.append(t)
    print("\n".join(out))


if __name__ == "__main__":
    main()
