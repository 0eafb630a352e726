#!/usr/bin/env bash
# Measures the README's scaling figures and draws them:
#   bash docs/performance/measure.sh [rounds]   (5 rounds by default)
# Each round runs every benchmark once, so a slow spell of a shared
# machine falls on all points alike rather than on one; benchplot draws
# the median of the rounds with their range. The raw go test output is
# kept beside the figures (sim.txt, compare.txt), each round headed by
# its time, commit and load average. A round takes about
# two to three minutes on the project's two-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
if ! [[ $rounds =~ ^[1-9][0-9]*$ ]]; then
  echo "measure.sh: rounds: want a whole number above 0, not '$rounds'" >&2
  exit 2
fi
here=docs/performance
new="$here/.new"
trap 'rm -rf "$new"' EXIT
rm -rf "$new" && mkdir "$new"
go test -c -o "$new/sim.test" ./sim/
go test -c -o "$new/experiments.test" ./experiments/
for r in $(seq "$rounds"); do
  echo "round $r of $rounds" >&2
  stamp="# round $r of $rounds, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "$stamp" >> "$new/sim.txt"
  echo "$stamp" >> "$new/compare.txt"
  (cd sim && "../$new/sim.test" -test.run '^$' -test.bench 'Scale|^BenchmarkRun$' -test.benchtime 2x -test.cpu 1) >> "$new/sim.txt"
  (cd experiments && "../$new/experiments.test" -test.run '^$' -test.bench 'CompareWorkers|CompareCores|ScaleReplicates' -test.benchtime 1x) >> "$new/compare.txt"
done
# Everything is drawn in the staging folder first: an interruption or a
# failure leaves the last complete measurement and its figures as they were.
go run ./cmd/benchplot -o "$new" --fit beneficiaries=1,actors=2,years=1,replicates=1 "$new/sim.txt" "$new/compare.txt"
mv "$new"/*.txt "$new"/*.svg "$new"/*.png "$here/"
