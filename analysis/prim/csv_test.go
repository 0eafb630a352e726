package prim

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestWriteCSV(t *testing.T) {
	d := knownBox(t, 1, 0)
	traj, err := Peel(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err = traj.WriteCSV(&sb); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(sb.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(traj)+1 || len(rows[0]) != 8+2*4 || rows[0][8] != "x0.lo" || rows[0][15] != "x3.hi" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	first, last := rows[1], rows[len(rows)-1]
	if first[1] != "1.0" || first[7] != "all points" || strings.Join(first[8:], "") != strings.Repeat("NA", 8) {
		t.Errorf("first row %v, want the full box", first)
	}
	b := traj[len(traj)-1].Box
	if last[7] != b.String() || last[8] != num(b.Lo[0]) || last[9] != "NA" || last[13] != num(b.Hi[2]) {
		t.Errorf("last row %v, want %v", last, b)
	}
}
