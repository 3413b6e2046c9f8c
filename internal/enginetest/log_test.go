package enginetest

import (
	"log/slog"
	"strings"
	"testing"
)

// testLogger writes the emulator's engine lines (not its per-request
// lines) to the test log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tlogWriter{t}, nil))
}

type tlogWriter struct{ t *testing.T }

func (w tlogWriter) Write(p []byte) (int, error) {
	s := strings.TrimSpace(string(p))
	if strings.Contains(s, "engine") && !strings.Contains(s, "mqtest request") {
		w.t.Log(s)
	}
	return len(p), nil
}
