package agents

// Ledger is where every SEK budgeted for the programme went. It closes:
// Budgeted = Staff + Backbone + Σ Returned, to rounding.
type Ledger struct {
	Budgeted float64 // own budgets, funders' grant budgets and funders' own staff (in kind)
	Staff    float64 // paid for partners' staff hours (a funder's own staff in kind)
	Backbone float64 // paid for the backbone's staff
	Returned [NumReturns]float64
}

// Return is why money was budgeted but not spent.
type Return uint8

// The reasons money goes back to whoever put it in.
const (
	ReturnUnspent Return = iota // staff not (yet) hired, or at its limit: money not turned into hours
	ReturnNoPlan                // pledged to the pooled fund, waiting for an agreed plan
	ReturnNoTaker               // no partner could absorb it (all at their staff limit)
	ReturnLeft                  // allocated to a partner that has left
	NumReturns    int    = iota
)

var returnNames = [NumReturns]string{"unspent", "no_agreed_plan", "no_partner_could_absorb", "recipient_left"}

func (r Return) String() string { return returnNames[r] }

// ReturnNames lists the reasons' names in order (a new slice each call).
func ReturnNames() []string { return append([]string(nil), returnNames[:]...) }

// Spent is what the programme cost: partners' staff and the backbone.
func (l *Ledger) Spent() float64 { return l.Staff + l.Backbone }

// Imbalance is Budgeted − Spent − Σ Returned (0 when the books close).
func (l *Ledger) Imbalance() float64 {
	x := l.Budgeted - l.Spent()
	for _, r := range l.Returned {
		x -= r
	}
	return x
}
