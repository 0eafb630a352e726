// Command benchplot draws the README's scaling figures from what go test
// -bench prints: one figure for each benchmark whose sub-benchmarks are
// points along one number, key=x (BenchmarkScaleBeneficiaries/
// beneficiaries=1000, …=1000000), the median of each point's runs
// (-count) against x, on log axes where they span two decades. A
// benchmark along workers is drawn as its speed-up over one worker beside
// the ideal. A family that reports memory (MB/engine, peak-MB) gets a
// second figure of it (scale_beneficiaries_memory). Each figure is
// written as a PNG and an SVG, named after the benchmark
// (scale_beneficiaries.png):
//
//	go test -run '^$' -bench Scale -benchtime 2x -cpu 1 ./sim/ > scale.txt
//	go run ./cmd/benchplot -o docs/performance --fit beneficiaries=1,actors=2 scale.txt
//
// --fit key=degree draws beside a family's medians the polynomial cost
// model of that degree fitted to them (in relative terms, so the fixed
// cost shows), its formula in the legend.
//
// Bad input gets one line naming the file, line and column, and exit
// code 2.
package main
