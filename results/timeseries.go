package results

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/cisim/cisim/sim"
)

// WriteTimeseries writes timeseries.csv: one row per scenario, tick and
// metric with mean, sd and quantiles over runs; accs[i] is of scenario
// names[i]. A sweep's rows also give their point (points[i]; nil outside
// a sweep).
func WriteTimeseries(dir string, scenarios []string, points []int, accs []*Accumulator) error {
	return WriteAtomic(filepath.Join(dir, "timeseries.csv"), func(w io.Writer) error {
		head := "scenario,tick,metric,mean,sd,p05,p25,p50,p75,p95"
		if points != nil {
			head += ",point"
		}
		if _, err := io.WriteString(w, head+"\n"); err != nil {
			return err
		}
		names := sim.MetricNames()
		b := make([]byte, 0, 256)
		for s, a := range accs {
			name := csvField(scenarios[s])
			for t := range a.ticks {
				for k := range a.metrics {
					st := a.Stats(t, k)
					b = b[:0]
					b = fmt.Appendf(b, "%s,%d,%s", name, t, names[k])
					for _, x := range []float64{st.Mean, st.SD, st.P05, st.P25, st.P50, st.P75, st.P95} {
						b = append(b, ',')
						b = append(b, FormatValue(x)...)
					}
					if points != nil {
						b = fmt.Appendf(b, ",%d", points[s])
					}
					b = append(b, '\n')
					if _, err := w.Write(b); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
