//go:build !unix

package results

// umask is the usual mask where the system has none to read.
func umask() uint32 { return 0o022 }
