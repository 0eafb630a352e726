// Package web serves the classroom page: one page, from assets embedded in
// the binary, on which the model runs in the browser (package
// web/classroom compiled to WebAssembly by web/wasm). The server is an
// http.Handler that answers GET and HEAD for the embedded files and
// nothing else; Export writes the same files to a folder for any static
// web server.
//
// The page needs no internet: the chart library (uPlot, MIT licence) is
// vendored in static/ with its licence.
//
// static/cisim.wasm and static/wasm_exec.js are generated: run
// go generate ./web after changing the model (TestWasmFresh says when).
package web

//go:generate go run ./internal/gen
