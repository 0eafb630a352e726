#!/usr/bin/env bash
# Measures the README's scaling figures and draws them:
#   bash docs/performance/measure.sh [rounds]   (5 rounds by default)
# Each round runs every benchmark once, so a slow spell of a shared
# machine falls on all points alike rather than on one; benchplot draws
# the median of the rounds with their range. The raw go test output is
# kept beside the figures (sim.txt, compare.txt). A round takes about
# two and a half minutes on the project's two-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
if ! [[ $rounds =~ ^[1-9][0-9]*$ ]]; then
  echo "measure.sh: rounds: want a whole number above 0, not '$rounds'" >&2
  exit 2
fi
here=docs/performance
: > "$here/sim.txt.part"
: > "$here/compare.txt.part"
go test -c -o "$here/.sim.test" ./sim/
go test -c -o "$here/.experiments.test" ./experiments/
trap 'rm -f "$here"/.sim.test "$here"/.experiments.test "$here"/*.part' EXIT
for r in $(seq "$rounds"); do
  echo "round $r of $rounds" >&2
  (cd sim && "../$here/.sim.test" -test.run '^$' -test.bench 'Scale|^BenchmarkRun$' -test.benchtime 2x -test.cpu 1) >> "$here/sim.txt.part"
  (cd experiments && "../$here/.experiments.test" -test.run '^$' -test.bench 'CompareWorkers|CompareCores|ScaleReplicates' -test.benchtime 1x) >> "$here/compare.txt.part"
done
mv "$here/sim.txt.part" "$here/sim.txt"
mv "$here/compare.txt.part" "$here/compare.txt"
go run ./cmd/benchplot -o "$here" --fit beneficiaries=1,actors=2,years=1,replicates=1 "$here/sim.txt" "$here/compare.txt"
