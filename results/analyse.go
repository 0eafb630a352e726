package results

// analyseSweep runs the analysis a sweep's method calls for on its points
// and returns the files it wrote and its report sections.
func analyseSweep(dir string, m *Manifest, pts []PointSummary) ([]string, []Section, error) {
	switch m.Sweep.Method {
	}
	return nil, nil, nil
}
