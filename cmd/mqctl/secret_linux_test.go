package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/mqrest/mqrest/mqtest"
)

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
