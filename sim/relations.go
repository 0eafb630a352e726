package sim

// overOthers is the mean of x(j) over the members j other than i (0 with
// none).
func (e *Engine) overOthers(i int, x func(j int) float64) float64 {
	s, n := 0.0, 0
	for j := range e.actors {
		if j != i && e.actors[j].Member {
			s += x(j)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// meanTrustOf is actor i's mean trust in the other members (0 with none).
func (e *Engine) meanTrustOf(i int) float64 {
	return e.overOthers(i, func(j int) float64 { return e.trust.At(i, j) })
}

// trustIn is the other members' mean trust in actor j (0 with none).
func (e *Engine) trustIn(j int) float64 {
	return e.overOthers(j, func(i int) float64 { return e.trust.At(i, j) })
}

// meanSimilarityOf is actor i's mean value similarity to the other members.
func (e *Engine) meanSimilarityOf(i int) float64 {
	return e.overOthers(i, func(j int) float64 { return e.actors[i].Values.Similarity(e.actors[j].Values) })
}

// meanTrust is the mean of τ_ij over ordered pairs of members (every
// member has the same number of partners, so it is the mean of the
// members' mean trust); 0 with fewer than two members.
func (e *Engine) meanTrust() float64 {
	s, n := 0.0, 0
	for i := range e.actors {
		if e.actors[i].Member {
			s += e.meanTrustOf(i)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}
