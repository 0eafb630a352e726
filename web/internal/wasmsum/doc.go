// Package wasmsum lists what goes into web/static/cisim.wasm: the SHA-256
// of every Go source and embedded file of the module's packages that the
// WebAssembly build compiles, and the version of every other module it
// uses. The list is committed as web/wasm.sum beside the committed wasm,
// so a test can tell when the wasm no longer matches its sources whatever
// Go patch release built it.
package wasmsum
