package agents

// Channels are the switches of the model's mechanisms of collaboration, all
// on by default. Each channel carries both what it gives and what it costs
// or risks; switched off, the whole mechanism stops, in every design alike.
// They let a difference between designs be attributed to the mechanisms
// that carry it (cisim explain); they are model inputs, documented in
// docs/MODEL.md §7.14.
type Channels struct {
	Referral       bool `yaml:"referral"`        // active referral between partners, with failed hand-offs and coordination hours; off: signposting only
	Specialisation bool `yaml:"specialisation"`  // agenda work and pooled money steered to perceived comparative advantage; off: shared evenly
	Innovation     bool `yaml:"innovation"`      // joint discovery and the spread of new practices, good and bad; off: each finds alone and keeps it
	Targeting      bool `yaml:"targeting"`       // services aimed at needs as engagement and records see them; off: case assessment only
	DataLearning   bool `yaml:"data_learning"`   // priorities learnt from shared indicators (noisy, lagged, biased); off: from own reports
	FollowUp       bool `yaml:"follow_up"`       // the backbone's follow-up between meetings (decay, hand-offs); off: none
	Commitment     bool `yaml:"commitment"`      // hours committed to the agreed agenda, with defection under KPI pressure; off: none
	Voice          bool `yaml:"voice"`           // beneficiaries' voice in the agenda and in revealing needs; off: unheard
	Conflict       bool `yaml:"conflict"`        // conflict at meetings and its consequences; off: none
	Decisions      bool `yaml:"decisions"`       // consent, upward referral and preconditions for a plan; off: agreed once trust allows
	Competition    bool `yaml:"competition"`     // competitive grants: applications and goal drift; off: grants in proportion to capacity, no drift
	FunderLearning bool `yaml:"funder_learning"` // funders' pledges following results; off: results ignored
	Shocks         bool `yaml:"shocks"`          // the world's shocks (champion, funders, policy, staff); off: none
}

// AllChannels is every channel on.
func AllChannels() Channels {
	return Channels{true, true, true, true, true, true, true, true, true, true, true, true, true}
}

// ChannelNames lists the channels' names in order.
func ChannelNames() []string {
	return []string{"referral", "specialisation", "innovation", "targeting", "data_learning", "follow_up",
		"commitment", "voice", "conflict", "decisions", "competition", "funder_learning", "shocks"}
}

// Switch returns a pointer to the channel of the given name, or nil.
func (c *Channels) Switch(name string) *bool {
	ptrs := []*bool{&c.Referral, &c.Specialisation, &c.Innovation, &c.Targeting, &c.DataLearning, &c.FollowUp,
		&c.Commitment, &c.Voice, &c.Conflict, &c.Decisions, &c.Competition, &c.FunderLearning, &c.Shocks}
	for i, n := range ChannelNames() {
		if n == name {
			return ptrs[i]
		}
	}
	return nil
}
