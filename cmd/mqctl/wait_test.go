package main

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
)

var fastPolls = []string{"--delay", "100ms", "--max-delay", "200ms"}

// TestWaitProgress checks --wait and the wait command with stderr not a
// terminal: one plain line per state change, then a final line; the
// command's normal output on stdout.
func TestWaitProgress(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(time.Second))
	args := append([]string{"create-broker", "--broker-name", "waited", "--wait"}, brokerArgs...)
	r := c.expect(0, append(args, fastPolls...)...)
	if !strings.Contains(r.stdout, `"BrokerId": "b-`) {
		t.Fatalf("create-broker --wait printed %q, want its output", r.stdout)
	}
	id := c.field("BrokerSummaries[0].BrokerId", "list-brokers")
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	want := []string{
		"waiting for broker " + id + ": CREATION_IN_PROGRESS (",
		"waiting for broker " + id + ": RUNNING (",
		"broker " + id + " is RUNNING (",
	}
	if len(lines) != len(want) {
		t.Fatalf("stderr has %d lines, want %d (one per state change):\n%s", len(lines), len(want), r.stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("stderr line %d = %q, want prefix %q", i, lines[i], w)
		}
		if strings.Contains(lines[i], "\r") {
			t.Errorf("stderr line %d has a carriage return: not a terminal", i)
		}
	}

	r = c.expect(0, append([]string{"reboot-broker", "--broker-id", id, "--wait"}, fastPolls...)...)
	if !strings.Contains(r.stderr, ": REBOOT_IN_PROGRESS (") || !strings.Contains(r.stderr, "broker "+id+" is RUNNING") {
		t.Errorf("reboot-broker --wait stderr:\n%s", r.stderr)
	}
	c.ok("delete-broker", "--broker-id", id)
	r = c.expect(0, append([]string{"wait", "broker-deleted", "--broker-id", id}, fastPolls...)...)
	if r.stdout != "" || !strings.Contains(r.stderr, ": DELETION_IN_PROGRESS (") || !strings.Contains(r.stderr, "broker "+id+" deleted (") {
		t.Errorf("wait broker-deleted: stdout %q, stderr:\n%s", r.stdout, r.stderr)
	}
}

// TestWaitTimeout checks that --timeout ends a wait with exit code 1 and a
// clear message.
func TestWaitTimeout(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(time.Hour))
	id := c.createBroker("slow")
	r := c.expect(1, append([]string{"wait", "broker-running", "--broker-id", id, "--timeout", "700ms"}, fastPolls...)...)
	if !strings.Contains(r.stderr, "mqctl: timed out after 700ms waiting for broker "+id+" to be RUNNING; last state CREATION_IN_PROGRESS") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = c.expect(2, "wait", "broker-running")
	if !strings.Contains(r.stderr, "--broker-id is required") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestWaitInterrupt checks that Ctrl-C (SIGINT) ends a wait with exit code
// 1 and a clear message.
func TestWaitInterrupt(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(time.Hour))
	id := c.createBroker("forever")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append([]string{"wait", "broker-running", "--broker-id", id}, fastPolls...)...)
	cmd.Env = c.env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var got bytes.Buffer
	if !sc.Scan() {
		t.Fatal("no progress line before the interrupt")
	}
	got.WriteString(sc.Text() + "\n")
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() {
		got.WriteString(sc.Text() + "\n")
	}
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want code 130 (the AWS CLI's for an interrupt); stderr:\n%s", err, got.String())
	}
	if !strings.Contains(got.String(), "mqctl: interrupted while waiting for broker "+id) {
		t.Errorf("stderr:\n%s", got.String())
	}
}
