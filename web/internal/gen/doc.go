// Command gen builds the classroom page's generated assets; go generate
// ./web runs it in web/. It compiles web/wasm to static/cisim.wasm
// (GOOS=js GOARCH=wasm, -trimpath, no symbols, no VCS stamp, so the same
// sources give the same bytes), copies the matching wasm_exec.js from the
// Go installation, and writes wasm.sum, the record of what the wasm was
// built from.
package main
