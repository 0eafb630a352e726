package agents

import (
	"strings"
	"testing"
)

func TestVecSumAndNormalized(t *testing.T) {
	cases := []struct {
		name string
		v    Vec
		sum  float64
		want Vec
	}{
		{"simple", Vec{1, 1, 2, 0, 0}, 4, Vec{0.25, 0.25, 0.5, 0, 0}}, // /4, exact
		{"already", Vec{0.5, 0.25, 0.25, 0, 0}, 1, Vec{0.5, 0.25, 0.25, 0, 0}},
		{"zero", Vec{}, 0, uniform()},                        // zero vector becomes uniform
		{"negative sum", Vec{-1, 0, 0, 0, 0}, -1, uniform()}, // s ≤ 0: uniform
		{"scaled", Vec{3, 6, 0, 0, 3}, 12, Vec{0.25, 0.5, 0, 0, 0.25}},
	}
	for _, c := range cases {
		if got := c.v.Sum(); got != c.sum {
			t.Errorf("%s: Sum = %v, want %v", c.name, got, c.sum)
		}
		orig := c.v
		got := c.v.Normalized()
		if got != c.want {
			t.Errorf("%s: Normalized = %v, want %v", c.name, got, c.want)
		}
		if c.v != orig {
			t.Errorf("%s: Normalized changed its receiver", c.name)
		}
	}
	// A non-trivial vector: components sum to 1 up to rounding.
	v := Vec{0.1, 0.7, 0.3, 0.9, 0.2}.Normalized()
	checkNear(t, "Σ normalized", v.Sum(), 1, tol)
	checkNear(t, "component", v[1], 0.7/2.2, tol)
}

func TestAlignment(t *testing.T) {
	cases := []struct {
		name string
		p, q Vec
		want float64
	}{
		{"equal", Vec{0.2, 0.3, 0.5, 0, 0}, Vec{0.2, 0.3, 0.5, 0, 0}, 1},
		{"disjoint", Vec{0.5, 0.5, 0, 0, 0}, Vec{0, 0, 0.5, 0.5, 0}, 0},     // 1 − ½·2
		{"half", Vec{0.5, 0.5, 0, 0, 0}, Vec{0.5, 0, 0.5, 0, 0}, 0.5},       // 1 − ½(0.5+0.5)
		{"quarter off", Vec{1, 0, 0, 0, 0}, Vec{0.75, 0.25, 0, 0, 0}, 0.75}, // 1 − ½(0.25+0.25)
		{"uniform vs point", uniform(), Vec{1, 0, 0, 0, 0}, 0.2},            // 1 − ½(0.8 + 4·0.2)
	}
	for _, c := range cases {
		checkNear(t, c.name, Alignment(c.p, c.q), c.want, tol)
		if Alignment(c.p, c.q) != Alignment(c.q, c.p) {
			t.Errorf("%s: not symmetric", c.name)
		}
	}
}

func TestValuesSimilarity(t *testing.T) {
	cases := []struct {
		name string
		v, w Values
		want float64
	}{
		{"same", Values{0.2, 0.5, 0.8}, Values{0.2, 0.5, 0.8}, 1},
		{"mixed", Values{0.2, 0.5, 0.8}, Values{0.4, 0.5, 0.5}, 1 - 0.5/3}, // 1 − (0.2 + 0 + 0.3)/3 = 0.8333
		{"opposite", Values{0, 0, 0}, Values{1, 1, 1}, 0},                  // 1 − 3/3
		{"one apart", Values{0, 0.5, 0.5}, Values{0.75, 0.5, 0.5}, 0.75},   // 1 − 0.75/3
	}
	for _, c := range cases {
		checkNear(t, c.name, c.v.Similarity(c.w), c.want, tol)
		if c.v.Similarity(c.w) != c.w.Similarity(c.v) {
			t.Errorf("%s: not symmetric", c.name)
		}
	}
}

func TestParseSector(t *testing.T) {
	cases := []struct {
		name string
		want Sector
	}{
		{"nonprofit", Nonprofit},
		{"public", Public},
		{"private", Private},
		{"academia", Academia},
		{"funder", Funder},
		{"backbone", BackboneOrg},
	}
	for _, c := range cases {
		got, err := ParseSector(c.name)
		if err != nil || got != c.want {
			t.Errorf("ParseSector(%q) = %v, %v; want %v", c.name, got, err, c.want)
		}
		if got.String() != c.name {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), c.name)
		}
	}
	for _, bad := range []string{"", "Funder", "ngo", " public"} {
		if _, err := ParseSector(bad); err == nil {
			t.Errorf("ParseSector(%q) accepted", bad)
		} else if !strings.Contains(err.Error(), "unknown sector") || !strings.Contains(err.Error(), "backbone") {
			t.Errorf("ParseSector(%q): unhelpful error %q", bad, err)
		}
	}
	if s := Sector(42).String(); s != "sector(42)" {
		t.Errorf("Sector(42).String() = %q", s)
	}
}

func TestNames(t *testing.T) {
	want := []string{"skills", "self_esteem", "network", "education", "wellbeing"}
	names := DomainNames()
	if len(names) != NumDomains || len(want) != NumDomains {
		t.Fatalf("DomainNames() = %v, NumDomains = %d", names, NumDomains)
	}
	for d, w := range want {
		if names[d] != w || Domain(d).String() != w {
			t.Errorf("domain %d: %q / %q, want %q", d, names[d], Domain(d).String(), w)
		}
	}
	for _, d := range []Domain{-1, Domain(NumDomains)} {
		if !strings.HasPrefix(d.String(), "domain(") {
			t.Errorf("Domain(%d).String() = %q", int(d), d.String())
		}
	}
	if v := ValueNames(); len(v) != NumValues || v[0] != "beneficiary_centred" {
		t.Errorf("ValueNames() = %v", v)
	}
}

func TestIsFunder(t *testing.T) {
	for s := Nonprofit; s <= BackboneOrg; s++ {
		a := Actor{Sector: s}
		if a.IsFunder() != (s == Funder) {
			t.Errorf("%v: IsFunder = %v", s, a.IsFunder())
		}
	}
}
