// Package classroom is the model behind the classroom page: two designs run
// side by side from one seed (replicate 0 of that seed, so the left and the
// right face the same world), the levers a teacher moves with their
// plain-language explanations, snapshots of the state for drawing, a quick
// Monte Carlo with per-tick bands, and the current run as tidy CSV.
//
// It runs the real engine (package sim) on scenarios loaded exactly as the
// command line loads them (scenarios.Load with --set overrides), and
// bounds the work any call can ask for. It knows nothing of browsers,
// JavaScript or HTTP: package web/wasm exposes it to the page.
package classroom
