// Package scenarios is the scenario file format and the built-in scenario
// library: named scenarios (a partnership, its beneficiaries and a
// governance design) that commands run by name. The two designs of the
// default partnership, isolated and collective-impact, share every actor,
// beneficiary and problem setting and differ only in institutions
// (governance and funding).
//
// Load resolves a built-in name or a file (over the scenario it extends),
// applies overrides by dotted key (Set), validates the result and reports
// a problem as one *Error with file:line:column, from the YAML library's
// typed errors and positions; Problems lists every problem of a file. A
// file is held to limits of size, nesting, tokens and alias expansion
// before the YAML library builds or decodes it (bounds.go), so that a
// hostile one is refused in milliseconds, not gigabytes. The package also names the levers a sweep
// may vary (Lever, LeverKeys), generates actors for the value-spread and
// capability-overlap levers, and defines the seven conditions of
// collective impact as settings of the built-in designs (Conditions).
//
// It knows how scenarios are written, named and assembled, not how they
// are run or reported, nor the command line that gives the overrides.
package scenarios
