// Package scenarios holds the built-in scenario library: named scenarios
// (a partnership, its beneficiaries and a governance design) that commands
// run by name. The two designs of the default partnership, isolated and
// collective-impact, share every actor, beneficiary and problem setting and
// differ only in institutions (governance and funding).
//
// The package knows how scenarios are named and assembled, not how they
// are run or reported.
package scenarios
