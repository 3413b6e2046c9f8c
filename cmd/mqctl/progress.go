package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/mqrest/mqrest/api"
)

// progress reports a wait on stderr. On a terminal it keeps one live line,
// redrawn in place with '\r' (spinner, state, elapsed time); otherwise it
// writes a plain line whenever the state changes, and a final one.
type progress struct {
	w     io.Writer
	tty   bool
	id    string
	kind  waitKind
	start time.Time

	mu      sync.Mutex
	state   api.BrokerState
	elapsed time.Duration
	width   int // of the live line drawn last
	columns int // of the terminal
	done    chan struct{}
	stopped sync.WaitGroup
}

// spinner frames of the live line.
var spinner = []string{"|", "/", "-", "\\"}

func newProgress(w io.Writer, id string, kind waitKind, columns int) *progress {
	p := &progress{w: w, tty: isTerminal(w), id: id, kind: kind, columns: columns, start: time.Now(), done: make(chan struct{})}
	if p.tty {
		p.stopped.Add(1)
		go p.animate()
	}
	return p
}

// poll is the waiter's OnPoll callback. A poll that saw no state (it
// failed, or the broker is gone) keeps the last state known; the final line
// tells a deletion.
func (p *progress) poll(state api.BrokerState, elapsed time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.elapsed = elapsed
	if state == "" || state == p.state {
		return
	}
	p.state = state
	if !p.tty {
		fmt.Fprintf(p.w, "waiting for broker %s: %s (%s)\n", p.id, state, roundDuration(elapsed))
	}
}

func stateName(s api.BrokerState) string {
	if s == "" {
		return "polling"
	}
	return string(s)
}

func (p *progress) animate() {
	defer p.stopped.Done()
	t := time.NewTicker(120 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		p.mu.Lock()
		p.redraw(p.liveLine(spinner[i%len(spinner)], stateName(p.state), roundDuration(time.Since(p.start))))
		p.mu.Unlock()
		select {
		case <-p.done:
			return
		case <-t.C:
		}
	}
}

// liveLine is the live line, in the longest form that fits the terminal:
// a narrow one drops words, then the broker ID, before the state and the
// time waited, which are what the line is for.
func (p *progress) liveLine(frame, state string, elapsed time.Duration) string {
	forms := []string{
		fmt.Sprintf("%s waiting for broker %s: %s (%s)", frame, p.id, state, elapsed),
		fmt.Sprintf("%s %s: %s (%s)", frame, p.id, state, elapsed),
		fmt.Sprintf("%s %s (%s)", frame, state, elapsed),
	}
	for _, line := range forms {
		if p.columns <= 1 || len(line) < p.columns {
			return line
		}
	}
	return forms[len(forms)-1]
}

// redraw replaces the live line; callers hold p.mu.
func (p *progress) redraw(line string) {
	if p.columns > 1 && len(line) >= p.columns { // a wrapped line could not be redrawn
		line = line[:p.columns-1]
	}
	pad := ""
	if n := p.width - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.width = len(line)
}

// stop ends the live line, leaving the cursor at the start of a clean line.
func (p *progress) stop() {
	if !p.tty {
		return
	}
	close(p.done)
	p.stopped.Wait()
	p.mu.Lock()
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
	p.width = 0
	p.mu.Unlock()
}

// finish writes the final line of a successful wait.
func (p *progress) finish() {
	elapsed := roundDuration(time.Since(p.start))
	if p.kind == waitDeleted {
		fmt.Fprintf(p.w, "broker %s deleted (%s)\n", p.id, elapsed)
		return
	}
	fmt.Fprintf(p.w, "broker %s is RUNNING (%s)\n", p.id, elapsed)
}

// last returns the last state seen and the time waited.
func (p *progress) last() (api.BrokerState, time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state, time.Since(p.start)
}

// roundDuration rounds to whole seconds (tenths under ten seconds would be
// noise in logs).
func roundDuration(d time.Duration) time.Duration { return d.Round(time.Second) }
