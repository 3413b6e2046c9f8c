package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/mqrest/mqrest/mqtest"
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

// TestPasswordStdinAtTerminal types a password at a terminal for
// --password-stdin: mqctl prompts on stderr, the terminal does not echo the
// password, and the user is created with it. Ctrl-C at the prompt ends
// mqctl by the signal with the terminal's echo restored and nothing sent.
func TestPasswordStdinAtTerminal(t *testing.T) {
	srv, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.createBroker("typed")
	const password = "typedPassword-4711"

	p := openPTY(t)
	var out bytes.Buffer
	cmd := p.start(t, c, &out, "create-user", "--broker-id", id, "--username", "typist", "--password-stdin")
	p.waitFor(t, "Password: ", 1)
	if _, err := p.master.Write([]byte(password + "\r")); err != nil {
		t.Fatal(err)
	}
	if err := wait(t, cmd); err != nil {
		t.Fatalf("create-user: %v; terminal: %q", err, p.shown())
	}
	time.Sleep(50 * time.Millisecond) // let the reader drain the terminal
	if shown := p.shown(); strings.Contains(shown, password) {
		t.Errorf("the terminal echoed the password: %q", shown)
	}
	if strings.Contains(out.String(), password) {
		t.Errorf("stdout holds the password: %q", out.String())
	}
	if got := c.field("Username", "describe-user", "--broker-id", id, "--username", "typist"); got != "typist" {
		t.Errorf("user typist: %q", got)
	}
	termios, err := unix.IoctlGetTermios(int(p.tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if termios.Lflag&unix.ECHO == 0 {
		t.Error("echo is still off after mqctl read the password")
	}

	srv.ResetRequests()
	cmd = p.start(t, c, &out, "create-user", "--broker-id", id, "--username", "quitter", "--password-stdin")
	p.waitFor(t, "Password: ", 2)
	if _, err := p.master.Write([]byte("half\x03")); err != nil { // Ctrl-C
		t.Fatal(err)
	}
	err = wait(t, cmd)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGINT {
		t.Errorf("Ctrl-C at the prompt: %v, want the process ended by SIGINT", err)
	}
	if termios, err = unix.IoctlGetTermios(int(p.tty.Fd()), unix.TCGETS); err != nil {
		t.Fatal(err)
	}
	if termios.Lflag&unix.ECHO == 0 {
		t.Error("Ctrl-C at the prompt left the terminal's echo off")
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent after Ctrl-C at the prompt", n)
	}
}
