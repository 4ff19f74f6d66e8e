#!/usr/bin/env bash
# Writes benchmarks/RESULTS.md from the sections the benchmark scripts leave in
# benchmarks/results/*.md, in a fixed order, so every figure sits beside the command that made it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
order=(policy-select registry update git pipeline notify kube)
{
  echo "# Benchmark results"
  echo
  echo "Each section is written by the script it names; run that script to reproduce it. Times are"
  echo "whole-process wall clock unless a section says otherwise, and every comparison ran the peer"
  echo "in the same run on the same machine."
  for name in "${order[@]}"; do
    [[ -f "$HERE/results/$name.md" ]] || continue
    echo; cat "$HERE/results/$name.md"
  done
  for file in "$HERE"/results/*.md; do
    name=$(basename "$file" .md)
    [[ " ${order[*]} " == *" $name "* ]] && continue
    echo; cat "$file"
  done
} > "$HERE/RESULTS.md"
echo "wrote benchmarks/RESULTS.md"
