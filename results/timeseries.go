package results

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/cisim/cisim/sim"
)

// writeTimeseries writes timeseries.csv: one row per scenario, tick and
// metric with mean, sd and quantiles over runs.
func writeTimeseries(dir string, m *Manifest, accs []*Accumulator) error {
	return writeAtomic(filepath.Join(dir, "timeseries.csv"), func(w io.Writer) error {
		if _, err := io.WriteString(w, "scenario,tick,metric,mean,sd,p05,p25,p50,p75,p95\n"); err != nil {
			return err
		}
		names := sim.MetricNames()
		b := make([]byte, 0, 256)
		for s, a := range accs {
			name := csvField(m.Scenarios[s].Name)
			for t := 0; t < a.Ticks; t++ {
				for k := 0; k < a.Metrics; k++ {
					st := a.Stats(t, k)
					b = b[:0]
					b = fmt.Appendf(b, "%s,%d,%s", name, t, names[k])
					for _, x := range []float64{st.Mean, st.SD, st.P05, st.P25, st.P50, st.P75, st.P95} {
						b = append(b, ',')
						b = append(b, formatValue(x)...)
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
