// Package lessons holds the classroom's guided lessons, one YAML file each
// (embedded; docs/LESSONS.md describes the format), and fills a step's
// explanation from the run on the page: its text is a template whose
// blanks are the run's own numbers and events (Facts), so what it says is
// what the class saw.
//
// A lesson is checked when it loads, with file:line:column errors: its
// designs load as the page loads them (package web/classroom), its steps
// run forwards in time, and its templates name only facts that exist. It
// knows nothing of browsers: package web/wasm hands lessons to the page.
package lessons
