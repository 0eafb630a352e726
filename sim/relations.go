package sim

// The means below are over the members j other than i, summed in actor
// order (0 with none). They are written as plain loops over a trust row or
// column, not through a function value: they run n² times a week.

// meanTrustOf is actor i's mean trust in the other members (0 with none).
func (e *Engine) meanTrustOf(i int) float64 {
	n := e.trust.N
	row := e.trust.T[i*n : (i+1)*n]
	actors := e.actors[:len(row)]
	s, m := 0.0, 0
	for j, tau := range row {
		if j != i && actors[j].Member {
			s += tau
			m++
		}
	}
	if m == 0 {
		return 0
	}
	return s / float64(m)
}

// trustIn is the other members' mean trust in actor j (0 with none).
func (e *Engine) trustIn(j int) float64 {
	n := e.trust.N
	actors := e.actors[:n]
	s, m := 0.0, 0
	for i := range actors {
		if i != j && actors[i].Member {
			s += e.trust.T[i*n+j]
			m++
		}
	}
	if m == 0 {
		return 0
	}
	return s / float64(m)
}

// meanSimilarityOf is actor i's mean value similarity to the other members.
func (e *Engine) meanSimilarityOf(i int) float64 {
	n := len(e.actors)
	row := e.plan.similar[i*n : (i+1)*n]
	actors := e.actors[:len(row)]
	s, m := 0.0, 0
	for j, sim := range row {
		if j != i && actors[j].Member {
			s += sim
			m++
		}
	}
	if m == 0 {
		return 0
	}
	return s / float64(m)
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
