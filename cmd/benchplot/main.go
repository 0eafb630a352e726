// Command benchplot draws the README's scaling figures from what go test
// -bench prints: one figure for each benchmark whose sub-benchmarks are
// points along one number, key=x (BenchmarkScaleBeneficiaries/
// beneficiaries=1000, …=1000000), the median of each point's runs
// (-count) against x, on log axes where they span two decades. A
// benchmark along workers is drawn as its speed-up over one worker beside
// the ideal. Each figure is written as a PNG and an SVG, named after the
// benchmark (scale_beneficiaries.png):
//
//	go test -run '^$' -bench Scale -benchtime 2x -cpu 1 ./sim/ > scale.txt
//	go run ./cmd/benchplot -o docs/performance scale.txt
//
// Bad input gets one line naming the file, line and column, and exit
// code 2.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	flag "github.com/spf13/pflag"

	"github.com/cisim/cisim/results"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stderr)) }

func run(args []string, stdin io.Reader, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchplot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.StringP("out", "o", ".", "the folder the figures are written to")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	reps, err := readAll(fs.Args(), stdin)
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 2
	}
	files, err := draw(reps, *out)
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintln(stderr, "benchplot: wrote", filepath.Join(*out, filepath.Base(f)))
	}
	return 0
}

// readAll parses each file named (standard input if none, or "-").
func readAll(names []string, stdin io.Reader) ([]*report, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var reps []*report
	for _, name := range names {
		r, shown := stdin, "standard input"
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			r, shown = f, name
		}
		rep, err := parse(r, shown)
		if err != nil {
			return nil, err
		}
		reps = append(reps, rep)
	}
	return reps, nil
}

// draw renders every family of every report into dir.
func draw(reps []*report, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	r := results.NewRenderer(dir)
	n := 0
	for _, rep := range reps {
		for _, f := range rep.families {
			fig, err := figure(f, rep.cpu)
			if err != nil {
				return nil, err
			}
			r.Start(fig, fileName(f.name))
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("no benchmark with key=number sub-benchmarks to draw")
	}
	return r.Wait()
}

var upper = regexp.MustCompile(`[A-Z]`)

// fileName is BenchmarkScaleBeneficiaries as scale_beneficiaries.
func fileName(bench string) string {
	s := upper.ReplaceAllStringFunc(strings.TrimPrefix(bench, "Benchmark"), func(c string) string { return "_" + strings.ToLower(c) })
	return strings.TrimPrefix(s, "_")
}
