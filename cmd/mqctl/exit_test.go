package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestExitCodes runs one command per kind of error and checks its exit
// code in both modes: the AWS CLI v2's (the default) and mqctl's detailed
// ones (MQCTL_DETAILED_EXIT_CODES=1), the error's first line on stderr, and
// that nothing is on stdout.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	srv, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.createBroker("codes")

	cases := []struct {
		name          string
		aws, detailed int
		args          []string
		stderr        string // must appear in stderr
	}{
		{"success", 0, 0, []string{"describe-broker", "--broker-id", id}, ""},
		{"unknown flag", 252, 2, []string{"list-brokers", "--bogus"}, "\nUnknown options: --bogus\n"},
		{"unknown command", 252, 2, []string{"list-brokerz"}, "Invalid choice: 'list-brokerz', maybe you meant:\n\n  * list-brokers"},
		{"bad int", 252, 2, []string{"list-brokers", "--max-results", "many"}, "--max-results"},
		{"int below its minimum", 252, 2, []string{"list-configurations", "--max-results", "0"},
			"Parameter validation failed:\nInvalid value for parameter MaxResults, value: 0, valid min value: 1"},
		{"missing required", 252, 2, []string{"create-broker", "--broker-name", "x"},
			"mqctl: error: the following arguments are required: --deployment-mode, --engine-type, --host-instance-type, --publicly-accessible"},
		// Enums are open, as in the AWS SDK: a value the API version does
		// not list is sent, and the service refuses it.
		{"bad enum", 254, 1, append([]string{"create-broker", "--broker-name", "x", "--engine-type", "KAFKA"}, brokerArgs[2:]...),
			"An error occurred (BadRequestException) when calling the CreateBroker operation: The request failed because [engineType] must be one of ACTIVEMQ, RABBITMQ"},
		{"nested invalid", 252, 2, []string{"create-user", "--broker-id", id, "--username", "u1", "--password", "short"},
			"Parameter validation failed:\nInvalid value for parameter --password: must be 12-250 characters"},
		{"bad shorthand", 252, 2, []string{"update-broker", "--broker-id", id, "--configuration", "Id=c-1,Bogus=2"},
			`unknown member "Bogus"`},
		{"bad output", 252, 2, []string{"list-brokers", "--output", "yml"}, "mqctl: error: argument --output: Invalid choice, valid choices are:"},
		{"bad query", 252, 2, []string{"list-brokers", "--query", "BrokerSummaries[?"}, "--query"},
		{"positional", 252, 2, []string{"describe-broker", "--broker-id", "a", "b"}, "\nUnknown options: b\n"},
		{"no credentials", 253, 2, []string{"list-brokers", "--profile", "empty"}, "\n" + noCredentialsText + "\n"},
		{"unknown profile", 253, 2, []string{"list-brokers", "--profile", "nope"}, "\nThe config profile (nope) could not be found\n"},
		{"not found", 254, 4, []string{"describe-broker", "--broker-id", "b-missing"},
			"\nAn error occurred (NotFoundException) when calling the DescribeBroker operation: "},
		{"conflict", 254, 5, append([]string{"create-broker", "--broker-name", "codes"}, brokerArgs...), "(ConflictException)"},
		{"throttled", 254, 6, []string{"list-configurations", "--max-attempts", "2"},
			"An error occurred (ThrottlingException) when calling the ListConfigurations operation (reached max retries: 1): "},
		{"other", 255, 1, []string{"list-brokers", "--endpoint-url", "http://127.0.0.1:1", "--max-attempts", "1"},
			"\nCould not connect to the endpoint URL: \"http://127.0.0.1:1/v1/brokers\"\n"},
	}
	cfg := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(cfg, []byte("[profile empty]\nregion = us-east-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c = c.with("AWS_CONFIG_FILE="+cfg, "AWS_SHARED_CREDENTIALS_FILE="+cfg, "AWS_EC2_METADATA_DISABLED=true")
	modes := []struct {
		name string
		env  []string
	}{{"default", nil}, {"MQCTL_DETAILED_EXIT_CODES=1", []string{"MQCTL_DETAILED_EXIT_CODES=1"}}, {"--detailed-exit-codes", nil}}
	for _, tc := range cases {
		for _, mode := range modes {
			args, want := tc.args, tc.aws
			if mode.name != "default" {
				want = tc.detailed
			}
			if mode.name == "--detailed-exit-codes" {
				args = append([]string{"--detailed-exit-codes"}, args...)
			}
			if tc.name == "throttled" {
				srv.FailNext("ListConfigurations", 2, mqtest.Fault{Kind: mqtest.FaultThrottle})
			}
			r := c.with(mode.env...).run(args...)
			if r.code != want {
				t.Errorf("%s (%s): mqctl %s: exit %d, want %d\nstderr: %s", tc.name, mode.name, strings.Join(args, " "), r.code, want, r.stderr)
				continue
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("%s (%s): stderr %q does not contain %q", tc.name, mode.name, r.stderr, tc.stderr)
			}
			if want != 0 && r.stdout != "" {
				t.Errorf("%s (%s): stdout is %q, want nothing on failure", tc.name, mode.name, r.stdout)
			}
			if want != 0 && !strings.HasPrefix(r.stderr, "\n") {
				t.Errorf("%s (%s): stderr %q does not start with an empty line, as the AWS CLI's", tc.name, mode.name, r.stderr)
			}
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
	if len(lines) < 3 || lines[0] != "" || !strings.HasPrefix(lines[1], "An error occurred (AccessDeniedException) when calling the CreateConfiguration operation: ") {
		t.Fatalf("stderr does not start with the AWS CLI's error line:\n%s", r.stderr)
	}
	if !strings.Contains(lines[2], "mq:CreateConfiguration") || !strings.Contains(lines[2], "user/reader") {
		t.Errorf("explanation line %q does not name the action and the principal", lines[2])
	}
	if !strings.Contains(lines[2], "no identity-based policy allows it") {
		t.Errorf("explanation line %q does not give the reason", lines[2])
	}
	if aws := c.expectAWS(254, "create-configuration", "--name", "denied", "--engine-type", "ACTIVEMQ"); !strings.HasPrefix(aws.stderr, "\n"+lines[1]+"\n") {
		t.Errorf("stderr differs between the exit-code modes:\n%s\n%s", aws.stderr, r.stderr)
	}
	if !strings.Contains(r.stderr, "mqctl: fix: Attach this statement") || !strings.Contains(r.stderr, `"mq:CreateConfiguration"`) {
		t.Errorf("stderr has no fix with a policy:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing", r.stdout)
	}
}
