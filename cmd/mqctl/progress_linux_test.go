package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
)

// TestWaitProgressAtTerminal checks the live progress line on a terminal:
// redrawn in place with '\r' (spinner, state, elapsed time), never wider
// than the terminal (asked of the terminal itself: COLUMNS is not set),
// cleared at the end, followed by the final line; nothing on stdout.
func TestWaitProgressAtTerminal(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(1500*time.Millisecond))
	id := c.createBroker("watched")

	p := openPTY(t)
	const cols = 60
	p.setSize(t, cols, 24)
	var out bytes.Buffer
	cmd := p.start(t, c, &out, append([]string{"wait", "broker-running", "--broker-id", id}, fastPolls...)...)
	if err := wait(t, cmd); err != nil {
		t.Fatalf("wait: %v; terminal: %q", err, p.shown())
	}
	p.waitFor(t, "is RUNNING (", 1)
	screen := p.shown()
	if out.Len() != 0 {
		t.Errorf("stdout: %q, want nothing", out.String())
	}

	live := regexp.MustCompile(`^([|/\\-]) (?:waiting for broker )?(?:` + id + `: )?([A-Z_]+) \(\d+s\)`)
	frames := map[string]bool{}
	var states []string
	for _, seg := range strings.FieldsFunc(screen, func(r rune) bool { return r == '\r' || r == '\n' }) {
		m := live.FindStringSubmatch(seg)
		if m == nil {
			continue
		}
		if len(seg) >= cols { // a live line that wraps cannot be redrawn in place
			t.Errorf("a %d-character live line on a %d-column terminal: %q", len(seg), cols, seg)
		}
		frames[m[1]] = true
		if len(states) == 0 || states[len(states)-1] != m[2] {
			states = append(states, m[2])
		}
	}
	if len(frames) < 2 {
		t.Errorf("spinner frames seen: %v, want the line redrawn with several; terminal: %q", frames, screen)
	}
	if len(states) == 0 || states[0] != "CREATION_IN_PROGRESS" {
		t.Errorf("states on the live line: %v, want CREATION_IN_PROGRESS first; terminal: %q", states, screen)
	}
	if n := strings.Count(screen, "\n"); n != 1 {
		t.Errorf("%d line breaks on the terminal, want 1 (after the final line): %q", n, screen)
	}
	final := screen[strings.LastIndex(screen[:len(screen)-2], "\r")+1:]
	if !strings.HasPrefix(final, "broker "+id+" is RUNNING (") {
		t.Errorf("the terminal ends with %q, want the final line on a cleared line", final)
	}
}
