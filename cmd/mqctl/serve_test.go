package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// server is a `mqctl serve` subprocess.
type server struct {
	cmd    *exec.Cmd
	url    string
	header []string // the lines printed after "listening on"
	stdout *bufio.Scanner
	cancel context.CancelFunc
}

// startServe runs `mqctl serve --listen 127.0.0.1:0 args...` and reads its
// first lines.
func startServe(t *testing.T, withDefaultPrincipal bool, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmd := exec.CommandContext(ctx, binary, append([]string{"serve", "--listen", "127.0.0.1:0", "--quiet"}, args...)...)
	cmd.Env = newCLI(t).env
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, stdout: bufio.NewScanner(out), cancel: cancel}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		cancel()
	})
	if !s.stdout.Scan() {
		t.Fatalf("serve printed nothing: %v", s.stdout.Err())
	}
	first := s.stdout.Text()
	url, ok := strings.CutPrefix(first, "listening on ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0") {
		t.Fatalf("first line %q, want listening on http://127.0.0.1:PORT", first)
	}
	s.url = url
	if withDefaultPrincipal {
		for range 2 {
			if !s.stdout.Scan() {
				t.Fatal("serve did not print the credentials")
			}
			s.header = append(s.header, s.stdout.Text())
		}
	}
	return s
}

// stop sends sig and returns the exit code.
func (s *server) stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	for s.stdout.Scan() {
	}
	err := s.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// TestServeLifecycle drives a broker's whole life through the binary only,
// against `mqctl serve` as a separate process, as a shell script would.
func TestServeLifecycle(t *testing.T) {
	t.Parallel()
	s := startServe(t, true, "--broker-create-delay", "400ms")
	env := []string{"AWS_ENDPOINT_URL_MQ=" + s.url, "AWS_REGION=us-east-1"}
	for _, line := range s.header {
		if !strings.HasPrefix(line, "AWS_ACCESS_KEY_ID=") && !strings.HasPrefix(line, "AWS_SECRET_ACCESS_KEY=") {
			t.Fatalf("unexpected credentials line %q", line)
		}
		env = append(env, line)
	}
	if s.header[0] != "AWS_ACCESS_KEY_ID="+testKeyID || s.header[1] != "AWS_SECRET_ACCESS_KEY="+testSecret {
		t.Errorf("credentials lines: %q", s.header)
	}
	c := newCLI(t, env...)

	cfg := c.field("Id", "create-configuration", "--name", "life", "--engine-type", "ACTIVEMQ", "--engine-version", "5.18")
	create := append([]string{"create-broker", "--broker-name", "life", "--configuration", "Id=" + cfg + ",Revision=1", "--wait"}, brokerArgs...)
	r := c.expect(0, append(create, fastPolls...)...)
	if !strings.Contains(r.stderr, "is RUNNING") {
		t.Fatalf("create-broker --wait stderr:\n%s", r.stderr)
	}
	id := c.field("BrokerSummaries[?BrokerName=='life'] | [0].BrokerId", "list-brokers")
	if !strings.HasPrefix(id, "b-") {
		t.Fatalf("broker id %q", id)
	}
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("lifecyclePassword1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("create-user", "--broker-id", id, "--username", "app", "--password-file", pw)
	c.expect(0, append([]string{"reboot-broker", "--broker-id", id, "--wait"}, fastPolls...)...)
	if got := c.field("BrokerSummaries[?BrokerName=='life'].BrokerState", "list-brokers"); got != "RUNNING" {
		t.Errorf("state after reboot: %q", got)
	}
	if got := c.field("Users[].Username", "list-users", "--broker-id", id); !strings.Contains(got, "app") {
		t.Errorf("users after reboot: %q", got)
	}
	r = c.expect(0, append([]string{"delete-broker", "--broker-id", id, "--wait"}, fastPolls...)...)
	if !strings.Contains(r.stderr, "deleted") {
		t.Errorf("delete-broker --wait stderr:\n%s", r.stderr)
	}
	if got := c.field("length(BrokerSummaries)", "list-brokers"); got != "0" {
		t.Errorf("%s brokers left", got)
	}
	if code := s.stop(t, syscall.SIGTERM); code != 0 {
		t.Errorf("serve exited %d on SIGTERM, want 0", code)
	}
}

// TestServeOptions checks --principals, --state (kept across restarts; a
// corrupt file fails the start) and a clean stop on SIGINT.
func TestServeOptions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	principals := filepath.Join(dir, "principals.json")
	if err := os.WriteFile(principals, []byte(`{"principals": [{"arn": "arn:aws:iam::111122223333:user/dev",
		"accessKeyId": "AKIDDEV", "secretAccessKey": "devSecretKeydevSecretKey",
		"identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "mq:*Configuration*", "Resource": "*"}]}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state.json")
	s := startServe(t, false, "--principals", principals, "--state", state, "--account", "111122223333", "--region", "eu-west-1")
	c := newCLI(t, "AWS_ENDPOINT_URL_MQ="+s.url, "AWS_REGION=eu-west-1", "AWS_ACCESS_KEY_ID=AKIDDEV", "AWS_SECRET_ACCESS_KEY=devSecretKeydevSecretKey")
	arn := c.field("Arn", "create-configuration", "--name", "kept", "--engine-type", "RABBITMQ")
	if !strings.HasPrefix(arn, "arn:aws:mq:eu-west-1:111122223333:configuration:") {
		t.Errorf("ARN %q", arn)
	}
	r := c.expect(3, "list-brokers")
	if !strings.Contains(r.stderr, "mq:ListBrokers") {
		t.Errorf("denial does not name mq:ListBrokers: %s", r.stderr)
	}
	if code := s.stop(t, syscall.SIGINT); code != 0 {
		t.Errorf("serve exited %d on SIGINT, want 0", code)
	}

	s = startServe(t, false, "--principals", principals, "--state", state, "--account", "111122223333", "--region", "eu-west-1")
	c = c.with("AWS_ENDPOINT_URL_MQ=" + s.url)
	if got := c.field("Configurations[].Name", "list-configurations"); got != "kept" {
		t.Errorf("after restart with --state: %q", got)
	}
	s.stop(t, syscall.SIGTERM)

	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = newCLI(t).expect(1, "serve", "--listen", "127.0.0.1:0", "--state", corrupt)
	if r.stdout != "" || !strings.Contains(r.stderr, "mqctl: serve:") {
		t.Errorf("corrupt state: stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = newCLI(t).expect(1, "serve", "--listen", "127.0.0.1:0", "--principals", filepath.Join(dir, "missing.json"))
	if !strings.Contains(r.stderr, "--principals") {
		t.Errorf("missing principals: %q", r.stderr)
	}
}

// TestServeStopsRightAway checks that a signal sent as soon as "listening
// on" is read stops the server cleanly: the handler is installed before the
// line is printed.
func TestServeStopsRightAway(t *testing.T) {
	t.Parallel()
	for i := range 5 {
		for _, sig := range []os.Signal{syscall.SIGTERM, syscall.SIGINT} {
			s := startServe(t, false)
			if code := s.stop(t, sig); code != 0 {
				t.Errorf("run %d: serve exited %d on %v right after starting, want 0", i, code, sig)
			}
		}
	}
}
