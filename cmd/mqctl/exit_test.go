package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestExitCodes runs one command per exit code and checks the code and
// that the error is on stderr, with nothing on stdout.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	srv, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.createBroker("codes")

	srv.FailNext("ListConfigurations", 10, mqtest.Fault{Kind: mqtest.FaultThrottle})
	cases := []struct {
		name   string
		code   int
		args   []string
		stderr string // must appear in stderr
	}{
		{"success", 0, []string{"describe-broker", "--broker-id", id}, ""},
		{"unknown flag", 2, []string{"list-brokers", "--bogus"}, "unknown flag: --bogus"},
		{"unknown command", 2, []string{"list-brokerz"}, `unknown command "list-brokerz"`},
		{"bad int", 2, []string{"list-brokers", "--max-results", "many"}, "--max-results: expected an integer"},
		{"missing required", 2, []string{"create-broker", "--broker-name", "x"},
			"--deployment-mode: required; --engine-type: required; --host-instance-type: required; --publicly-accessible: required"},
		// Enums are open, as in the AWS SDK: a value the API version does
		// not list is sent, and the service refuses it.
		{"bad enum", 1, append([]string{"create-broker", "--broker-name", "x", "--engine-type", "KAFKA"}, brokerArgs[2:]...),
			"BadRequestException (HTTP 400): The request failed because [engineType] must be one of ACTIVEMQ, RABBITMQ"},
		{"nested invalid", 2, []string{"create-user", "--broker-id", id, "--username", "u1", "--password", "short"},
			"--password: must be 12-250 characters"},
		{"bad shorthand", 2, []string{"update-broker", "--broker-id", id, "--configuration", "Id=c-1,Bogus=2"},
			`--configuration: unknown member "Bogus"`},
		{"bad output", 2, []string{"list-brokers", "--output", "xml"}, "--output"},
		{"bad query", 2, []string{"list-brokers", "--query", "BrokerSummaries[?"}, "--query"},
		{"positional", 2, []string{"create-broker", "--subnet-ids", "a", "b"}, "comma-separated"},
		{"not found", 4, []string{"describe-broker", "--broker-id", "b-missing"}, "NotFoundException"},
		{"conflict", 5, append([]string{"create-broker", "--broker-name", "codes"}, brokerArgs...), "ConflictException"},
		{"throttled", 6, []string{"list-configurations", "--max-attempts", "2"}, "ThrottlingException"},
		{"other", 1, []string{"list-brokers", "--endpoint-url", "http://127.0.0.1:1", "--max-attempts", "1"}, "connect"},
	}
	for _, tc := range cases {
		r := c.run(tc.args...)
		if r.code != tc.code {
			t.Errorf("%s: mqctl %s: exit %d, want %d\nstderr: %s", tc.name, strings.Join(tc.args, " "), r.code, tc.code, r.stderr)
			continue
		}
		if !strings.Contains(r.stderr, tc.stderr) {
			t.Errorf("%s: stderr %q does not contain %q", tc.name, r.stderr, tc.stderr)
		}
		if tc.code != 0 && r.stdout != "" {
			t.Errorf("%s: stdout is %q, want nothing on failure", tc.name, r.stdout)
		}
		if tc.code != 0 && !strings.HasPrefix(r.stderr, "mqctl: ") {
			t.Errorf("%s: stderr %q does not start with mqctl:", tc.name, r.stderr)
		}
	}
}

// TestAccessDeniedExitCode checks exit code 3 for a principal whose policy
// lacks the action: stderr names the action and gives the fix.
func TestAccessDeniedExitCode(t *testing.T) {
	t.Parallel()
	policy := json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["mq:List*","mq:Describe*"],"Resource":"*"}]}`)
	reader := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/reader", AccessKeyID: "AKIDREADER",
		SecretAccessKey: "readerSecretKeyreaderSecretKey", IdentityPolicies: []json.RawMessage{policy}}
	_, c := newEmulator(t, mqtest.WithPrincipals(reader))
	c = c.with("AWS_ACCESS_KEY_ID=AKIDREADER", "AWS_SECRET_ACCESS_KEY=readerSecretKeyreaderSecretKey")

	c.ok("list-brokers")
	r := c.expect(3, "create-configuration", "--name", "denied", "--engine-type", "ACTIVEMQ")
	lines := strings.Split(r.stderr, "\n")
	if !strings.Contains(lines[0], "mq:CreateConfiguration") || !strings.Contains(lines[0], "user/reader") {
		t.Errorf("first stderr line %q does not name the action and the principal", lines[0])
	}
	if !strings.Contains(lines[0], "no identity-based policy allows it") {
		t.Errorf("first stderr line %q does not give the reason", lines[0])
	}
	if !strings.Contains(r.stderr, "mqctl: fix: Attach this statement") || !strings.Contains(r.stderr, `"mq:CreateConfiguration"`) {
		t.Errorf("stderr has no fix with a policy:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing", r.stdout)
	}
}
