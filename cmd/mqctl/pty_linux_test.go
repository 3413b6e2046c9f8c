package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pty is a pseudo-terminal: the test plays the user at master, mqctl runs
// on tty as on a terminal.
type pty struct {
	master, tty *os.File
	mu          sync.Mutex
	screen      bytes.Buffer // everything the terminal showed
	closed      chan struct{}
	cmds        []*exec.Cmd
}

func openPTY(t *testing.T) *pty {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := &pty{master: master, tty: tty, closed: make(chan struct{})}
	go func() {
		defer close(p.closed)
		buf := make([]byte, 1024)
		for {
			n, err := master.Read(buf)
			p.mu.Lock()
			p.screen.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		for _, cmd := range p.cmds { // a test that failed may leave one reading
			if cmd.ProcessState == nil {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
			}
		}
		tty.Close() // with no terminal side left open, master's reads end
		select {
		case <-p.closed:
		case <-time.After(10 * time.Second):
			t.Error("the terminal reader did not end")
		}
		master.Close()
	})
	return p
}

// waitFor waits until the terminal has shown s n times.
func (p *pty) waitFor(t *testing.T, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Count(p.shown(), s) >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the terminal never showed %q %d times in 30s; it shows %q", s, n, p.shown())
}

func (p *pty) shown() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.screen.String()
}

// start runs mqctl with the terminal as its controlling terminal, stdin and
// stderr; stdout goes to out.
func (p *pty) start(t *testing.T, c *cli, out *bytes.Buffer, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = c.env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.tty, out, p.tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.cmds = append(p.cmds, cmd)
	return cmd
}

// wait waits for cmd for 30 seconds at most, then kills it.
func wait(t *testing.T, cmd *exec.Cmd) error {
	t.Helper()
	timer := time.AfterFunc(30*time.Second, func() {
		t.Errorf("%v did not end in 30s: killed", cmd.Args)
		_ = cmd.Process.Kill()
	})
	defer timer.Stop()
	return cmd.Wait()
}

// setSize sets the terminal's width and height.
func (p *pty) setSize(t *testing.T, cols, rows int) {
	t.Helper()
	if err := unix.IoctlSetWinsize(int(p.tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(cols), Row: uint16(rows)}); err != nil {
		t.Fatal(err)
	}
}
