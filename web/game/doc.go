// Package game is the participatory classroom's game (cisim serve
// --class): students play the partner organisations of one design, round
// by round, and the model plays the young people, the consequences and
// every organisation no student holds. Beside the played partnership the
// same design runs from the same world with the model's rules alone (the
// twin), so the debrief can say what the class's decisions changed.
//
// A player's decision replaces the model's rule for that decision only
// (sim.Engine.Play, docs/MODEL.md "Players"); the rest of the model is the
// one every cisim command runs. The game is deterministic: it knows no
// wall clock and no connection (package web/class times the rounds), so a
// session record — the configuration and every round's decisions — replays
// to the same numbers, which is how a crashed game resumes.
package game
