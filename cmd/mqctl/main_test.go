package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// binary is the mqctl executable the tests run, built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "mqctl-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "mqctl")
	build := exec.Command("go", "build", "-o", binary, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building mqctl: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Credentials of mqtest's default administrator (AWS's documentation keys).
const (
	testKeyID  = "AKIDEXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

// result is what one run of the binary produced.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the binary with a clean environment, as a user's shell would.
type cli struct {
	t   *testing.T
	env []string
}

// newCLI returns a cli whose environment holds only PATH, a fresh HOME and
// the given variables.
func newCLI(t *testing.T, vars ...string) *cli {
	t.Helper()
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	return &cli{t: t, env: append(env, vars...)}
}

// newEmulator starts an in-process emulator and returns a cli pointed at it
// with the default administrator's credentials.
func newEmulator(t *testing.T, opts ...mqtest.Option) (*mqtest.Server, *cli) {
	t.Helper()
	srv := mqtest.NewServer(t, opts...)
	return srv, newCLI(t, "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret,
		"AWS_REGION=us-east-1", "AWS_ENDPOINT_URL_MQ="+srv.URL)
}

// with returns a copy of c with more environment variables.
func (c *cli) with(vars ...string) *cli {
	return &cli{t: c.t, env: append(append([]string(nil), c.env...), vars...)}
}

// run runs mqctl with args and no input.
func (c *cli) run(args ...string) result { return c.runIn("", args...) }

// runIn runs mqctl with args and stdin.
func (c *cli) runIn(stdin string, args ...string) result {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = c.env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			c.t.Fatalf("mqctl %s: %v", strings.Join(args, " "), err)
		}
		code = ee.ExitCode()
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// ok runs mqctl and fails the test unless it exits 0; it returns stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("mqctl %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// okIn is ok with stdin.
func (c *cli) okIn(stdin string, args ...string) string {
	c.t.Helper()
	r := c.runIn(stdin, args...)
	if r.code != 0 {
		c.t.Fatalf("mqctl %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// expect runs mqctl with its detailed exit codes (MQCTL_DETAILED_EXIT_CODES=1,
// which tell not found, conflict, access denied and throttling apart) and
// checks the code; it returns the result. expectAWS checks the AWS CLI's
// codes, mqctl's default.
func (c *cli) expect(code int, args ...string) result {
	c.t.Helper()
	r := c.with("MQCTL_DETAILED_EXIT_CODES=1").run(args...)
	if r.code != code {
		c.t.Fatalf("mqctl %s: detailed exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
	}
	return r
}

// expectAWS runs mqctl and checks its (default, AWS CLI v2) exit code; it
// returns the result.
func (c *cli) expectAWS(code int, args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != code {
		c.t.Fatalf("mqctl %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
	}
	return r
}

// field runs mqctl with --query q --output text and returns the trimmed
// result.
func (c *cli) field(q string, args ...string) string {
	c.t.Helper()
	return strings.TrimSpace(c.ok(append(args, "--query", q, "--output", "text")...))
}

// Broker arguments the emulator accepts.
var brokerArgs = []string{"--engine-type", "ACTIVEMQ", "--deployment-mode", "SINGLE_INSTANCE",
	"--host-instance-type", "mq.t3.micro", "--no-publicly-accessible",
	"--users", "Username=admin,Password=adminPassword123"}

// createBroker creates a broker named name and returns its ID.
func (c *cli) createBroker(name string, extra ...string) string {
	c.t.Helper()
	args := append([]string{"create-broker", "--broker-name", name}, brokerArgs...)
	return c.field("BrokerId", append(args, extra...)...)
}

// createRabbitMQBroker creates a RabbitMQ broker named name and returns
// its ID.
func (c *cli) createRabbitMQBroker(name string) string {
	c.t.Helper()
	return c.field("BrokerId", "create-broker", "--broker-name", name, "--engine-type", "RABBITMQ",
		"--deployment-mode", "CLUSTER_MULTI_AZ", "--host-instance-type", "mq.m7g.large", "--no-publicly-accessible",
		"--users", "Username=admin,Password=adminPassword123")
}
