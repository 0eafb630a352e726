package prim

// Chooser picks the box to take from a peeling trajectory of rest, the
// points Cover has not yet put in a box, or declines with false.
type Chooser func(rest *Data, t Trajectory) (Box, bool)

// Choose is the usual Chooser: the step with the largest coverage among
// those with density at least minDensity (Trajectory.MinDensity), its
// restrictions with a quasi-p-value above maxP dropped (Data.Prune; a
// maxP of 1 keeps them all). Pruning matters in covering: a restriction
// peeling took on noise leaves a sliver of the scenario behind for the
// next search to trip over.
func Choose(minDensity, maxP float64) Chooser {
	return func(rest *Data, t Trajectory) (Box, bool) {
		k, ok := t.MinDensity(minDensity)
		if !ok {
			return Box{}, false
		}
		return rest.Prune(t[k].Box, maxP).Box, true
	}
}

// Cover finds up to maxBoxes boxes in turn (Friedman & Fisher's
// covering): it peels the points not yet in a box, lets choose pick a box
// from that trajectory, takes it, and starts again on the points the box
// leaves. It stops when choose declines, no case is left, or maxBoxes are
// found; it returns ErrNoCases if d has none to begin with.
//
// Box i applies to the points outside boxes 0…i−1, and its Stats count
// those points only but against the whole data (Total and TotalCases are
// d's), so coverages add up: their sum is the share of cases the boxes
// explain together.
func (d *Data) Cover(opt Options, choose Chooser, maxBoxes int) ([]Step, error) {
	if d.nCases == 0 {
		return nil, ErrNoCases
	}
	left := make([]bool, d.Len())
	for i := range left {
		left[i] = true
	}
	var boxes []Step
	for len(boxes) < maxBoxes {
		rest := d.subset(left)
		if rest.nCases == 0 {
			break
		}
		// The least mass is a share of all the points, not of those left
		// (as in the EMA Workbench): a later box may not shrink to a few.
		o := opt
		if o.MinMass == 0 {
			o.MinMass = 0.05
		}
		if o.MinMass *= float64(d.Len()) / float64(rest.Len()); o.MinMass > 1 {
			break
		}
		traj, err := Peel(rest, o)
		if err != nil {
			return boxes, err
		}
		b, ok := choose(rest, traj)
		if !ok {
			break
		}
		s := rest.Stats(b)
		if s.Points == 0 {
			break // nothing taken: the next search would be the same
		}
		boxes = append(boxes, Step{Box: b, Stats: newStats(s.Points, s.Cases, d.Len(), d.nCases), QuasiP: rest.QuasiP(b)})
		for i := range left {
			if left[i] && d.inside(b, i) {
				left[i] = false
			}
		}
	}
	return boxes, nil
}
