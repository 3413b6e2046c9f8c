//go:build compat

package compat

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// awsPath is the AWS CLI v2 the suite compares mqctl with (Debian's awscli;
// the `aws` on a developer's PATH may be another version).
const awsPath = "/usr/bin/aws"

// unset, as the value of an env entry, removes the variable.
const unset = "\x00unset"

// compatCase is one command run by both the AWS CLI and mqctl. It is a plain
// struct literal, so that every item of the suite is a table of them.
type compatCase struct {
	// name names the case in test output (subtest name).
	name string
	// args follow the program name, the same for both programs, e.g.
	// {"mq", "list-brokers"}. "{{dir}}" is replaced by the case's
	// directory, "{{endpoint}}" by the emulator's URL, "{{broker}}" by the
	// ID of the broker the suite creates first, "{{n}}" by a number that
	// differs between the two programs' runs (for new brokers' names,
	// case-{{n}}; the normalisation maps case-N and compat-N to one
	// name; the emulator's made-up security group and subnet IDs are
	// normalised too). --endpoint-url
	// {{endpoint}} is added at the end unless bare is set or args hold
	// --endpoint-url already.
	args []string
	// bare: add no --endpoint-url (the case tests where the endpoint or an
	// error comes from).
	bare bool
	// env overrides the suite's environment (credentials of the emulator's
	// administrator, AWS_REGION=us-east-1, AWS_PAGER="", AWS_CONFIG_FILE and
	// AWS_SHARED_CREDENTIALS_FILE in the case's directory, HOME there too);
	// the value unset removes a variable. Values take the same
	// placeholders as args.
	env map[string]string
	// stdin is given to both programs.
	stdin string
	// files are written into the case's directory before the run, by name
	// ("config" and "credentials" are the shared AWS config files);
	// contents take the same placeholders as args.
	files map[string]string
	// setup, optional, runs before each of the two programs, so that both
	// find the same state (e.g. a fresh broker); the placeholders it
	// returns ("{{arn}}" → an ARN) apply to that program's run.
	setup func(t *testing.T, s *suite) map[string]string
	// after, optional, is a command run by the same program right after
	// the case's command; its
	// normalised stdout is appended to the case's, so that it shows what
	// the command changed (describe-user after update-user). It takes
	// the placeholders of args and "{{out.Key}}", the member Key of the
	// case's JSON output.
	after []string
	// diff states a deliberate difference of mqctl from the AWS CLI; ""
	// means the normalised results must match exactly. With a diff the
	// results are logged side by side and check, when set, says what
	// mqctl must do instead.
	diff string
	// check, optional, asserts more of the results (both programs' with
	// diff "", mqctl's against the stated difference otherwise).
	check func(t *testing.T, aws, mqctl result)
}

// result is what one program did.
type result struct {
	code   int
	raw    string // stdout as printed
	stdout string // normalised
	stderr string // normalised, whole
	line   string // the line of stderr that is compared: see errorLine
}

// suite is the shared state: the binaries and the emulator.
type suite struct {
	mqctl    string // path of the mqctl built for the suite
	endpoint string // e.g. http://127.0.0.1:41234
	broker   string // a broker created at start, for cases that need one
	keyID    string
	secret   string
}

var theSuite *suite

// runSeq numbers the programs' runs, for "{{n}}": names that must differ
// between the two runs of a case (a new broker's).
var runSeq atomic.Int64

func TestMain(m *testing.M) {
	s, stop, err := startSuite()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compat:", err)
		os.Exit(1)
	}
	theSuite = s
	code := m.Run()
	stop()
	os.Exit(code)
}

// principals are the emulator's callers: the administrator and a reader
// allowed only mq:List* and mq:Describe*, for access denials.
const principals = `{"principals": [
 {"arn": "arn:aws:iam::123456789012:user/admin", "accessKeyId": "AKIDCOMPATADMIN", "secretAccessKey": "compat/admin/secret/key/0000000000000000",
  "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["mq:*", "ec2:*", "iam:*"], "Resource": "*"}]}]},
 {"arn": "arn:aws:iam::123456789012:user/reader", "accessKeyId": "AKIDCOMPATREADER", "secretAccessKey": "compat/reader/secret/key/000000000000000",
  "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["mq:List*", "mq:Describe*"], "Resource": "*"}]}]}
]}`

// Credentials of the principals above, for the cases' env.
const (
	adminKey     = "AKIDCOMPATADMIN"
	adminSecret  = "compat/admin/secret/key/0000000000000000"
	readerKey    = "AKIDCOMPATREADER"
	readerSecret = "compat/reader/secret/key/000000000000000"
)

// startSuite checks the AWS CLI, builds mqctl, starts `mqctl serve` on a
// free loopback port and creates one broker.
func startSuite() (*suite, func(), error) {
	out, err := exec.Command(awsPath, "--version").CombinedOutput()
	if err != nil {
		return nil, nil, fmt.Errorf("%s --version: %v (make test-compat installs Debian's awscli)", awsPath, err)
	}
	if !strings.HasPrefix(string(out), "aws-cli/2.") {
		return nil, nil, fmt.Errorf("%s is not the AWS CLI v2: %s", awsPath, out)
	}
	tmp, err := os.MkdirTemp("", "mqcompat-")
	if err != nil {
		return nil, nil, err
	}
	s := &suite{mqctl: filepath.Join(tmp, "mqctl"), keyID: adminKey, secret: adminSecret}
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	build := exec.Command("go", "build", "-o", s.mqctl, "./cmd/mqctl")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		return nil, nil, fmt.Errorf("building mqctl: %v\n%s", err, out)
	}
	pf := filepath.Join(tmp, "principals.json")
	if err := os.WriteFile(pf, []byte(principals), 0o600); err != nil {
		return nil, nil, err
	}
	serve := exec.Command(s.mqctl, "serve", "--listen", "127.0.0.1:0", "--broker-create-delay", "0", "--quiet", "--principals", pf, "--region", "us-east-1")
	stdout, err := serve.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	serve.Stderr = os.Stderr
	if err := serve.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() {
		_ = serve.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = serve.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = serve.Process.Kill()
			<-done
		}
		os.RemoveAll(tmp)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case l := <-lines:
		url, ok := strings.CutPrefix(l, "listening on ")
		if !ok {
			stop()
			return nil, nil, fmt.Errorf("mqctl serve printed %q", l)
		}
		s.endpoint = url
	case <-time.After(20 * time.Second):
		stop()
		return nil, nil, fmt.Errorf("mqctl serve did not start in 20s")
	}
	id, err := s.createBroker("compat-base")
	if err != nil {
		stop()
		return nil, nil, err
	}
	s.broker = id
	return s, stop, nil
}

// createBroker creates an ACTIVEMQ broker with one user through mqctl and
// returns its ID.
func (s *suite) createBroker(name string) (string, error) {
	out, err := s.runAdmin(s.mqctl, "create-broker", "--broker-name", name, "--engine-type", "ACTIVEMQ",
		"--engine-version", "5.18", "--deployment-mode", "SINGLE_INSTANCE", "--host-instance-type", "mq.t3.micro",
		"--no-publicly-accessible", "--auto-minor-version-upgrade",
		"--users", "Username=admin,Password=compat-password-1")
	if err != nil {
		return "", fmt.Errorf("create-broker %s: %v", name, err)
	}
	var v struct{ BrokerId string }
	if err := json.Unmarshal(out, &v); err != nil || v.BrokerId == "" {
		return "", fmt.Errorf("create-broker %s printed %q", name, out)
	}
	return v.BrokerId, nil
}

// allCases are every table of the suite.
func allCases() [][]compatCase {
	return [][]compatCase{parseCases, errorCases, configCases, outputCases}
}

// TestCompat runs every case with both programs and compares them.
func TestCompat(t *testing.T) {
	seen := map[string]bool{}
	for _, table := range allCases() {
		for _, c := range table {
			if seen[c.name] {
				t.Fatalf("two cases are named %q", c.name)
			}
			seen[c.name] = true
			t.Run(c.name, func(t *testing.T) { theSuite.runCase(t, c) })
		}
	}
}

// runCase runs c with both programs and compares the results.
func (s *suite) runCase(t *testing.T, c compatCase) {
	dir := t.TempDir()
	expand := func(v string) string {
		return strings.NewReplacer("{{dir}}", dir, "{{endpoint}}", s.endpoint, "{{broker}}", s.broker).Replace(v)
	}
	for _, f := range []string{"config", "credentials"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range c.files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(expand(content)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{
		"AWS_ACCESS_KEY_ID":           s.keyID,
		"AWS_SECRET_ACCESS_KEY":       s.secret,
		"AWS_REGION":                  "us-east-1",
		"AWS_PAGER":                   "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"HOME":                        dir,
		"PATH":                        "/usr/bin:/bin",
		"LANG":                        "C.UTF-8",
	}
	for k, v := range c.env {
		if v == unset {
			delete(env, k)
			continue
		}
		env[k] = expand(v)
	}
	aws := s.runProgram(t, c, awsPath, env, dir, expand)
	mq := s.runProgram(t, c, s.mqctl, env, dir, expand)
	if c.diff != "" {
		t.Logf("deliberate difference: %s\naws:   exit %d, stderr %q\n%s\nmqctl: exit %d, stderr %q\n%s",
			c.diff, aws.code, aws.line, aws.stdout, mq.code, mq.line, mq.stdout)
		if c.check != nil {
			c.check(t, aws, mq)
		}
		return
	}
	if aws.code != mq.code {
		t.Errorf("exit code: aws %d, mqctl %d\naws stderr:\n%s\nmqctl stderr:\n%s", aws.code, mq.code, aws.stderr, mq.stderr)
	}
	if aws.line != mq.line {
		t.Errorf("stderr:\naws:   %q\nmqctl: %q\naws stderr:\n%s\nmqctl stderr:\n%s", aws.line, mq.line, aws.stderr, mq.stderr)
	}
	if aws.stdout != mq.stdout {
		t.Errorf("stdout differs:\n--- aws\n%s\n--- mqctl\n%s", aws.stdout, mq.stdout)
	}
	if c.check != nil {
		c.check(t, aws, mq)
	}
}

// runProgram runs the case (setup, command, after) with one program.
func (s *suite) runProgram(t *testing.T, c compatCase, prog string, env map[string]string, dir string, expand func(string) string) result {
	t.Helper()
	vars := map[string]string{}
	if c.setup != nil {
		vars = c.setup(t, s)
	}
	vars["{{n}}"] = fmt.Sprint(runSeq.Add(1))
	sub := func(v string) string {
		v = expand(v)
		for k, x := range vars {
			v = strings.ReplaceAll(v, k, x)
		}
		return v
	}
	r := s.exec(t, prog, s.command(c, c.args, sub), env, c.stdin, dir)
	if c.after == nil {
		return r
	}
	var out map[string]any
	_ = json.Unmarshal([]byte(r.raw), &out)
	afterArgs := s.command(c, c.after, func(v string) string {
		v = sub(v)
		for k, x := range out {
			if str, ok := x.(string); ok {
				v = strings.ReplaceAll(v, "{{out."+k+"}}", str)
			}
		}
		return v
	})
	ar := s.exec(t, prog, afterArgs, env, "", dir)
	r.stdout += "--- after: exit " + fmt.Sprint(ar.code) + "\n" + ar.stdout + ar.line
	return r
}

// command is args expanded by sub, with --endpoint-url added unless the
// case is bare or gives it.
func (s *suite) command(c compatCase, args []string, sub func(string) string) []string {
	out := make([]string, 0, len(args)+2)
	hasEndpoint := false
	for _, a := range args {
		out = append(out, sub(a))
		hasEndpoint = hasEndpoint || a == "--endpoint-url" || strings.HasPrefix(a, "--endpoint-url=")
	}
	if !c.bare && !hasEndpoint {
		out = append(out, "--endpoint-url", s.endpoint)
	}
	return out
}

// exec runs one program and normalises what it printed.
func (s *suite) exec(t *testing.T, prog string, args []string, env map[string]string, stdin, dir string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cmd.Env = append(cmd.Env, k+"="+env[k])
	}
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok || ctx.Err() != nil {
			t.Fatalf("%s %v: %v (stderr %s)", filepath.Base(prog), args, err, errb.String())
		}
		code = ee.ExitCode()
	}
	r := result{code: code, raw: out.String(), stdout: s.normalise(out.String(), dir), stderr: s.normalise(errb.String(), dir)}
	r.line = errorLine(r.stderr)
	return r
}

// Normalisation: what legitimately differs between two runs of the same
// command (the two programs' names; IDs and request IDs the emulator makes
// anew for each call; timestamps of resources created in each run).
var (
	programName = regexp.MustCompile(`\bmqctl\b`)
	brokerID    = regexp.MustCompile(`\bb-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	configID    = regexp.MustCompile(`\bc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	uuid        = regexp.MustCompile(`\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	timestamp   = regexp.MustCompile(`\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)`)
	networkID   = regexp.MustCompile(`\b(sg|subnet)-[0-9a-f]{17}\b`)
	caseName    = regexp.MustCompile(`\b(case|compat)-\d+\b`)
)

// normalise maps what differs between runs to placeholders: the case's
// directory, the emulator's URL, mqctl's name (stderr says "mqctl: error:"
// where the AWS CLI says "aws: error:"; the suite documents this one
// adaptation), the broker the suite made, fresh IDs and timestamps.
func (s *suite) normalise(v, dir string) string {
	v = strings.ReplaceAll(v, dir, "{{dir}}")
	v = strings.ReplaceAll(v, s.endpoint, "{{endpoint}}")
	v = strings.ReplaceAll(v, s.broker, "{{broker}}")
	v = programName.ReplaceAllString(v, "aws")
	v = brokerID.ReplaceAllString(v, "b-{{id}}")
	v = configID.ReplaceAllString(v, "c-{{id}}")
	v = uuid.ReplaceAllString(v, "{{uuid}}")
	v = timestamp.ReplaceAllString(v, "{{time}}")
	v = caseName.ReplaceAllString(v, "$1-N")
	v = networkID.ReplaceAllString(v, "$1-{{id}}")
	return v
}

// usageBanner is how the AWS CLI starts the report of a usage error; what
// follows it is the error itself.
const usageBanner = "To see help text, you can run:"

// errorLine is the line of stderr the suite compares: the first non-empty
// one, except that a usage error's banner ("usage: aws [options] ...",
// "To see help text, you can run:" and the three "aws ... help" lines) is
// skipped to the error line after it. mqctl prints the same banner; the
// compared line is the one that says what went wrong.
func errorLine(stderr string) string {
	lines := strings.Split(stderr, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i < len(lines) && strings.HasPrefix(lines[i], "usage: ") {
		for j := i; j < len(lines); j++ {
			if lines[j] == usageBanner {
				i = j + 1
				for i < len(lines) && (strings.TrimSpace(lines[i]) == "" || strings.HasPrefix(lines[i], "  aws ")) {
					i++
				}
				break
			}
		}
	}
	if i < len(lines) {
		return strings.TrimRight(lines[i], " \r")
	}
	return ""
}
