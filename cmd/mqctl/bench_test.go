package main

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkCommandTree measures building the command tree and parsing the
// command line, the part of mqctl's start-up that is its own: for one
// operation (the lazy path scripts take) and for the whole tree (help).
func BenchmarkCommandTree(b *testing.B) {
	for _, args := range [][]string{{"list-brokers", "--help"}, {"--help"}} {
		b.Run(strings.Join(args, "_"), func(b *testing.B) {
			for b.Loop() {
				run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard)
			}
		})
	}
}
