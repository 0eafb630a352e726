//go:build js && wasm

// Command wasm is the classroom model compiled to WebAssembly: it puts a
// global object cisim in the page whose functions run package classroom
// (the real engine) and answer in JSON. Build it with go generate ./web,
// which writes web/static/cisim.wasm.
//
// Every argument is checked: a call with a wrong argument answers
// {"error": "…"} and changes nothing.
package main
