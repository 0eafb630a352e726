package scenarios_test

import (
	"fmt"

	"github.com/cisim/cisim/scenarios"
)

// Loading scenarios from another module: a built-in by name with
// overrides, and a file's contents, whose problems carry their place.
func Example() {
	l, err := scenarios.Load("collective-impact", []string{"governance.backbone_staff=0"})
	if err != nil {
		panic(err)
	}
	g := l.Scenario.Governance
	fmt.Printf("%s: %d actors, backbone staff %g, meetings every %d weeks\n", l.Scenario.Name, len(l.Scenario.Actors), g.BackboneStaff, g.MeetingIntervalWeeks)

	_, err = scenarios.LoadBytes("mine.yaml", []byte("extends: isolated\ngovernance:\n  backbone_staf: 2\n"), nil)
	fmt.Println(err)
	// Output:
	// collective-impact: 9 actors, backbone staff 0, meetings every 2 weeks
	// mine.yaml:3:3: governance.backbone_staf: unknown field (allowed here: common_agenda, shared_measurement, backbone_staff, backbone_host, meeting_interval_weeks, steering_style, beneficiary_engagement, power_sharing, agreement, exit_clause)
}
