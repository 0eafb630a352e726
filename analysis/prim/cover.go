package prim

// Cover finds up to maxBoxes boxes in turn (Friedman & Fisher's
// covering): it peels the points not yet in a box, lets choose pick a
// step of that trajectory (e.g. Trajectory.MinDensity), takes that box,
// and starts again on the points the box leaves. It stops when choose
// declines, no case is left, or maxBoxes are found.
//
// Box i applies to the points outside boxes 0…i−1, and its Stats count
// those points only but against the whole data (Total and TotalCases are
// d's), so coverages add up: their sum is the share of cases the boxes
// explain together. choose sees trajectories measured on the points left.
func (d *Data) Cover(opt Options, choose func(Trajectory) (int, bool), maxBoxes int) ([]Step, error) {
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
		traj, err := Peel(rest, opt)
		if err != nil {
			return boxes, err
		}
		k, ok := choose(traj)
		if !ok {
			break
		}
		s := traj[k]
		s.Stats = newStats(s.Stats.Points, s.Stats.Cases, d.Len(), d.nCases)
		boxes = append(boxes, s)
		for i := range left {
			if left[i] && d.inside(s.Box, i) {
				left[i] = false
			}
		}
	}
	return boxes, nil
}
