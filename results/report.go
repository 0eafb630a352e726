package results

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// FormatNumber prints a metric for people: four significant digits,
// large numbers (money) whole, NA when undefined.
func FormatNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NA"
	case math.Abs(x) >= 1e4:
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.4g", x)
	}
}

// Section is a part of a report written by an analysis of the runs: a
// title and its body, already HTML.
type Section struct {
	Title string
	Body  template.HTML
}

// InlineSVGs reads the SVG plots among files (relative to dir) for
// inlining in a report.
func InlineSVGs(dir string, files []string) ([]template.HTML, error) {
	var out []template.HTML
	for _, p := range files {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return nil, fmt.Errorf("results: report: %w", err)
		}
		// Drop the XML prologue: the SVG is inlined into HTML.
		if i := bytes.Index(b, []byte("<svg")); i > 0 {
			b = b[i:]
		}
		out = append(out, template.HTML(b))
	}
	return out, nil
}

// ReportStyle is the style sheet of every report page.
const ReportStyle = `<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
table{border-collapse:collapse;margin:1em 0;font-size:0.92em}th,td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}code,pre{background:#f6f6f6;padding:0.1em 0.3em}
pre{padding:0.8em;overflow-x:auto}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}.small{color:#555;font-size:0.9em}
</style>`
