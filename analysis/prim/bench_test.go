package prim

import "testing"

// BenchmarkPeel is a large sweep: 100,000 points, 10 levers, cases in a
// corner of two of them.
func BenchmarkPeel(b *testing.B) {
	x := uniform(seeded(1), 100_000, 10)
	cases := make([]bool, len(x))
	for i, p := range x {
		cases[i] = p[0] > 0.6 && p[2] < 0.3
	}
	d, err := NewData(nil, x, cases)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		traj, err := Peel(d, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Paste(traj[len(traj)-1].Box, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
