package game

// TeacherView is the teacher's screen: every role, both partnerships'
// series, the network, the events and this round's decisions.
type TeacherView struct {
	Round       int                 `json:"round"`
	Rounds      int                 `json:"rounds"`
	Status      string              `json:"status"`
	Week        int                 `json:"week"`
	Weeks       int                 `json:"weeks"`
	Design      string              `json:"design"`
	Rung        int                 `json:"rung"` // the engagement rung granted the young people (Grant)
	Roles       []RoleStatus        `json:"roles"`
	Partnership Partnership         `json:"partnership"`
	Played      Series              `json:"played"`
	Alone       Series              `json:"alone"`
	Now         Numbers             `json:"now"`       // the played partnership now
	AloneNow    Numbers             `json:"alone_now"` // the model alone now
	Network     Network             `json:"network"`
	Events      []Event             `json:"events"`
	Decisions   map[string]Decision `json:"decisions"` // sent this round, by role
}

// RoleStatus is one role on the teacher's list.
type RoleStatus struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Member  bool   `json:"member"`
	Decided bool   `json:"decided"` // sent a decision this round
}

// Network is the partnership's actors and their trust, row i's trust in
// column j.
type Network struct {
	Actors []NetActor  `json:"actors"`
	Trust  [][]float64 `json:"trust"`
}

// NetActor is one node of the network.
type NetActor struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Member bool    `json:"member"`
	Budget float64 `json:"budget"`
}

// TeacherView is the teacher's screen now.
func (g *Game) TeacherView() TeacherView {
	v := TeacherView{Round: g.round, Rounds: len(g.ends), Status: g.status, Week: g.played.Tick(), Weeks: g.ends[len(g.ends)-1],
		Design: g.cfg.Design, Rung: g.Rung(), Partnership: g.partnership(10), Played: seriesOf(g.played), Alone: seriesOf(g.alone),
		Now: numbersOf(g.played), AloneNow: numbersOf(g.alone), Events: g.events(40), Decisions: map[string]Decision{}}
	var sent map[string]Decision
	if g.status == Open {
		sent = g.rounds[len(g.rounds)-1].sent
	}
	actors := g.played.Actors()
	tm := g.played.TrustMatrix()
	for _, r := range g.roles {
		rs := RoleStatus{ID: r.ID, Name: r.Name, Kind: r.Kind, Member: r.Actor < 0}
		_, rs.Decided = sent[r.ID]
		if d, ok := sent[r.ID]; ok {
			v.Decisions[r.ID] = d
		}
		if r.Actor >= 0 {
			a := &actors[r.Actor]
			rs.Member = a.Member
			v.Network.Actors = append(v.Network.Actors, NetActor{r.ID, r.Name, r.Kind, a.Member, a.Budget})
			row := make([]float64, len(actors))
			for j := range actors {
				if j != r.Actor {
					row[j] = tm.At(r.Actor, j)
				}
			}
			v.Network.Trust = append(v.Network.Trust, row)
		}
		v.Roles = append(v.Roles, rs)
	}
	return v
}
