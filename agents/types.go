package agents

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Domain is one of the need domains of a beneficiary, after the Ungas Vägar
// case (skills, belief in own ability, network, education, wellbeing).
type Domain int

// The need domains.
const (
	Skills Domain = iota
	SelfEsteem
	Network
	Education
	Wellbeing
	NumDomains int = iota
)

var domainNames = [NumDomains]string{"skills", "self_esteem", "network", "education", "wellbeing"}

// String returns the domain's name as used in scenario files and outputs.
func (d Domain) String() string {
	if d < 0 || int(d) >= NumDomains {
		return fmt.Sprintf("domain(%d)", int(d))
	}
	return domainNames[d]
}

// DomainNames lists the domain names in index order (a new slice each call).
func DomainNames() []string { return append([]string(nil), domainNames[:]...) }

// Vec holds one number per need domain.
type Vec [NumDomains]float64

// Sum returns the sum of the components.
func (v Vec) Sum() float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// Normalized returns v scaled to sum to one; a zero vector becomes uniform.
func (v Vec) Normalized() Vec {
	s := v.Sum()
	if s <= 0 {
		var u Vec
		for d := range u {
			u[d] = 1 / float64(NumDomains)
		}
		return u
	}
	for d := range v {
		v[d] /= s
	}
	return v
}

// Alignment is 1 − ½‖p − q‖₁ for two distributions over domains: 1 when
// they are equal, 0 when they have disjoint support.
func Alignment(p, q Vec) float64 { return 1 - l1(p[:], q[:])/2 }

// l1 is Σ|a_k − b_k| over equally long slices.
func l1(a, b []float64) float64 {
	s := 0.0
	for k := range a {
		s += math.Abs(a[k] - b[k])
	}
	return s
}

// NumValues is the number of value dimensions an actor holds a position on:
// beneficiary-centred versus efficiency-centred, long-term versus short-term,
// and public versus market logic.
const NumValues = 3

var valueNames = [NumValues]string{"beneficiary_centred", "long_term", "public_logic"}

// ValueNames lists the value dimensions' names in index order (a new slice
// each call).
func ValueNames() []string { return append([]string(nil), valueNames[:]...) }

// Values is an actor's position on each value dimension, in [0,1].
type Values [NumValues]float64

// Similarity is 1 − mean |v_k − w_k|, in [0,1].
func (v Values) Similarity(w Values) float64 { return 1 - l1(v[:], w[:])/NumValues }

// Sector is the kind of organisation an actor is.
type Sector uint8

// The sectors of docs/MODEL.md §2.1.
const (
	Nonprofit Sector = iota
	Public
	Private
	Academia
	Funder
	BackboneOrg
	numSectors
)

var sectorNames = [numSectors]string{"nonprofit", "public", "private", "academia", "funder", "backbone"}

// String returns the sector's name as used in scenario files.
func (s Sector) String() string {
	if int(s) >= len(sectorNames) {
		return fmt.Sprintf("sector(%d)", int(s))
	}
	return sectorNames[s]
}

// ParseSector returns the sector with the given name.
func ParseSector(name string) (Sector, error) {
	return parseName[Sector]("sector", sectorNames[:], name)
}

// parseName is the value of a kind of names (sectors, agreements, hosts)
// whose name is name: its index in names.
func parseName[T ~uint8](kind string, names []string, name string) (T, error) {
	if i := slices.Index(names, name); i >= 0 {
		return T(i), nil
	}
	return 0, &UnknownNameError{Kind: kind, Name: name, Allowed: slices.Clone(names)}
}

// unmarshalName reads a name from YAML into *v with parse.
func unmarshalName[T ~uint8](unmarshal func(any) error, v *T, parse func(string) (T, error)) error {
	var s string
	if err := unmarshal(&s); err != nil {
		return err
	}
	x, err := parse(s)
	*v = x
	return err
}

// UnknownNameError is a name that no value of a kind (a sector, an
// agreement, a backbone host) has.
type UnknownNameError struct {
	Kind    string
	Name    string
	Allowed []string
}

func (e *UnknownNameError) Error() string { return "agents: " + e.Msg() }

// Msg is the error without the package's prefix, as a scenario's error
// line gives it.
func (e *UnknownNameError) Msg() string {
	return fmt.Sprintf("unknown %s %q (allowed: %s)", e.Kind, e.Name, strings.Join(e.Allowed, ", "))
}
