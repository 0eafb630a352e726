// Package native runs a built-in scenario with the engine directly, as
// `cisim run NAME --runs 1 --seed S --set …` does, for the tests that
// compare the classroom page and its model with the engine. It goes
// through packages scenarios and sim only, never through the classroom
// code under test.
package native
