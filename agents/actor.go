package agents

// Actor is an organisation that may take part in the partnership. Fields
// above the blank line are given by the scenario; the rest is state that
// the rules change during a run.
type Actor struct {
	Name        string
	Sector      Sector
	Capability  Vec     // effectiveness of one staff hour per domain, in [0,1]
	Values      Values  // positions on the value dimensions, in [0,1]
	KPI         Vec     // own KPI weights over domains (sum 1): what the organisation is judged on
	Budget      float64 // SEK a year the organisation puts in (a funder: grant money to give), after cuts
	Staff       float64 // full-time staff it can devote to the programme (FTE)
	Mandate     float64 // how much its delegate can commit without referral upwards, in [0,1]
	Reach       float64 // ability to connect with and enrol beneficiaries, in [0,1]
	Bureaucracy float64 // how slowly a referral upwards comes back, in [0,1]

	Member        bool    // currently in the partnership
	Commitment    float64 // c: willingness to put own capacity behind the common agenda, in [0,1]
	OutsideOption float64 // O: value of leaving, compared with the value of staying
	Priority      Vec     // k: own priorities over domains (starts at KPI; drifts and learns)
	Effort        Vec     // hours spent per domain this tick
	Capacity      float64 // staff hours a tick the actor has (ramps toward what its money buys)
	Hours         float64 // hours available for services this tick, after overheads
	Overhead      float64 // hours lost this tick to meetings, coordination, engagement, applications, trials
	Burden        float64 // b: share of capacity lost to overheads, moving average over a review period
	Productivity  float64 // multiplier from adopted innovations (1 = none)
	Routine       Vec     // hours a tick per domain the organisation is set up to deliver (its established services)
	Output        Vec     // effective service output per domain this tick
	Reported      Vec     // output accumulated since the last funding round
	Places        int     // beneficiaries it can host this tick (for actors with reach)
	Enrolled      int     // beneficiaries whose home it is
	Attended      bool    // attended this tick's meeting
	Committed     float64 // m: share of its free hours put on the agreed agenda this tick
	Integrity     float64 // I: share of its agenda commitment it delivers, in [0,1]
	Conflicts     int     // unresolved conflicts with other members
	Consented     bool    // has consented to the plan on the table
	ApprovalDue   int     // tick its organisation's approval of the plan comes back; −1 none pending
}

// IsFunder reports whether the actor gives grants rather than delivering services.
func (a *Actor) IsFunder() bool { return a.Sector == Funder }

// Delivers reports whether the actor is a member that can deliver services:
// one with some capability. Capabilities are in [0,1] (the scenario's
// validation), where "some domain above 0" is Capability.Sum() > 0 without
// the sum's chain of dependent additions — asked some forty times a week.
func (a *Actor) Delivers() bool {
	if !a.Member || a.IsFunder() {
		return false
	}
	for _, c := range a.Capability {
		if c > 0 {
			return true
		}
	}
	return false
}
