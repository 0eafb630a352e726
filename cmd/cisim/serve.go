package main

import (
	"context"
	"io"
)

// serveCommand is the classroom page (issue 6); being built.
func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return badUsage("cisim serve: not built yet")
}
