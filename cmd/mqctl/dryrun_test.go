package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

const secretPassword = "VerySecretPw-4242"

// TestDryRunSendsNothing runs --dry-run for several operations and checks
// that the emulator received no request at all.
func TestDryRunSendsNothing(t *testing.T) {
	t.Parallel()
	srv, c := newEmulator(t)
	runs := [][]string{
		append([]string{"create-broker", "--broker-name", "dry", "--tags", "a=b", "--subnet-ids", "subnet-1"}, brokerArgs...),
		{"list-brokers"},
		{"describe-broker", "--broker-id", "b-1"},
		{"reboot-broker", "--broker-id", "b-1", "--wait"},
		{"delete-tags", "--resource-arn", "arn:aws:mq:us-east-1:123456789012:broker:x:b-1", "--tag-keys", "a,b c"},
		{"create-user", "--broker-id", "b-1", "--username", "app", "--password", secretPassword},
	}
	for _, args := range runs {
		r := c.expect(0, append(args, "--dry-run")...)
		if strings.Contains(r.stdout+r.stderr, secretPassword) {
			t.Errorf("%s --dry-run shows the password", args[0])
		}
		if !regexp.MustCompile(`Signature=<redacted>`).MatchString(r.stdout) {
			t.Errorf("%s --dry-run: no redacted signature in\n%s", args[0], r.stdout)
		}
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Fatalf("--dry-run sent %d requests, e.g. %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
	}
}

// TestDryRunOutput checks what --dry-run prints: the request line, the
// headers' shape, the body with passwords redacted and the IAM actions.
func TestDryRunOutput(t *testing.T) {
	t.Parallel()
	c := newCLI(t, "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret, "AWS_REGION=eu-west-1")
	out := c.ok(append([]string{"create-broker", "--dry-run", "--broker-name", "dry", "--tags", "a=b",
		"--users", "Username=admin,Password=" + secretPassword}, brokerArgs[:7]...)...)
	for _, want := range []string{
		"POST https://mq.eu-west-1.amazonaws.com/v1/brokers\n",
		"Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/",
		"/eu-west-1/mq/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=<redacted>\n",
		"Content-Type: application/json\n",
		`"password":"<redacted>"`,
		"mq:CreateBroker\n",
		"mq:CreateTags  # when the request carries tags\n",
		"iam:CreateServiceLinkedRole  # maybe",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--dry-run output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, secretPassword) || strings.Contains(out, testSecret) {
		t.Errorf("--dry-run output shows a secret:\n%s", out)
	}

	var doc struct {
		Method, URL string
		Actions     []struct{ Action, Needed string }
	}
	js := c.ok("delete-tags", "--dry-run", "--output", "json", "--resource-arn", "arn:aws:mq:eu-west-1:123456789012:configuration:c-1", "--tag-keys", "a", "b c")
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("%v: %s", err, js)
	}
	if doc.Method != "DELETE" || doc.URL != "https://mq.eu-west-1.amazonaws.com/v1/tags/arn%3Aaws%3Amq%3Aeu-west-1%3A123456789012%3Aconfiguration%3Ac-1?tagKeys=a&tagKeys=b%20c" {
		t.Errorf("dry-run JSON: %s %s", doc.Method, doc.URL)
	}
	if len(doc.Actions) != 1 || doc.Actions[0].Action != "mq:DeleteTags" {
		t.Errorf("dry-run actions: %+v", doc.Actions)
	}
	if got := c.ok("list-brokers", "--dry-run", "--query", "Actions[].Action", "--output", "text"); got != "mq:ListBrokers\n" {
		t.Errorf("--dry-run --query: %q", got)
	}
}

// TestDryRunClientPath checks that --dry-run prints the request of the
// client's one request path (client.DryRun), stopped before sending: the
// URL with the path labels escaped as the client escapes them, under the
// endpoint's path prefix, the headers and signed headers the client
// sends, the idempotency token the client fills, and the signature
// redacted.
func TestDryRunClientPath(t *testing.T) {
	t.Parallel()
	const endpoint = "http://127.0.0.1:1/prefix"
	c := newCLI(t, "AWS_ACCESS_KEY_ID="+testKeyID, "AWS_SECRET_ACCESS_KEY="+testSecret, "AWS_REGION=eu-west-1",
		"AWS_ENDPOINT_URL_MQ="+endpoint)
	type dryRun struct {
		Method, URL, Note string
		Headers           map[string]string
		Body              map[string]any
	}
	dry := func(args ...string) dryRun {
		t.Helper()
		var d dryRun
		out := c.ok(append(args, "--dry-run", "--output", "json")...)
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return d
	}

	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: testKeyID, SecretAccessKey: "other"}, nil
	})
	cl, err := client.New(context.Background(), client.WithRegion("eu-west-1"), client.WithCredentials(creds),
		client.WithEndpoint(endpoint), client.WithUserAgent("mqctl/"+version))
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := cl.DryRun(context.Background(), api.Lookup("DescribeUser"), &api.DescribeUserInput{BrokerID: "b 1/x", Username: "app"})
	if err != nil {
		t.Fatal(err)
	}
	got := dry("describe-user", "--broker-id", "b 1/x", "--username", "app")
	if got.Method != "GET" || got.URL != want.URL.String() || got.URL != endpoint+"/v1/brokers/b%201%2Fx/users/app" {
		t.Errorf("--dry-run: %s %s, the client sends %s %s", got.Method, got.URL, want.Method, want.URL)
	}
	signed := regexp.MustCompile(`SignedHeaders=[^,]*`)
	auth := got.Headers["Authorization"]
	if !strings.HasSuffix(auth, ", Signature=<redacted>") || signed.FindString(auth) != signed.FindString(want.Header.Get("Authorization")) {
		t.Errorf("--dry-run Authorization %q; the client signs %q", auth, want.Header.Get("Authorization"))
	}
	if ua := got.Headers["User-Agent"]; ua != want.Header.Get("User-Agent") || ua != "mqrest/"+client.Version+" mqctl/"+version {
		t.Errorf("--dry-run User-Agent %q, the client sends %q", ua, want.Header.Get("User-Agent"))
	}
	for k := range got.Headers {
		if k != "Host" && k != "Content-Length" && want.Header.Get(k) == "" {
			t.Errorf("--dry-run shows a header %s the client does not send", k)
		}
	}

	// The client fills the idempotency token, once per call.
	args := append([]string{"create-broker", "--broker-name", "dry"}, brokerArgs...)
	first, second := dry(args...), dry(args...)
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	token, _ := first.Body["creatorRequestId"].(string)
	if !uuid.MatchString(token) || second.Body["creatorRequestId"] == token {
		t.Errorf("creatorRequestId of two --dry-run: %v, %v; want two fresh UUIDs", first.Body["creatorRequestId"], second.Body["creatorRequestId"])
	}
	if first.Note != "CreatorRequestId is filled with a fresh UUID when the request is sent" {
		t.Errorf("--dry-run note: %q", first.Note)
	}
	if users, _ := first.Body["users"].([]any); len(users) != 1 || users[0].(map[string]any)["password"] != api.Redacted {
		t.Errorf("--dry-run body users: %v", first.Body["users"])
	}
	mine := dry(append(args, "--creator-request-id", "my-token")...)
	if mine.Body["creatorRequestId"] != "my-token" || mine.Note != "" {
		t.Errorf("--dry-run --creator-request-id: %v, note %q", mine.Body["creatorRequestId"], mine.Note)
	}
}

// TestDebugRedaction checks that --debug traces requests and responses but
// never shows a password, the secret key or a signature.
func TestDebugRedaction(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	c = c.with("AWS_SESSION_TOKEN=") // no session token for the default principal
	id := c.createBroker("debug")
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(secretPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	runs := []result{
		c.expect(0, "create-user", "--debug", "--broker-id", id, "--username", "u1", "--password", secretPassword),
		c.expect(0, "update-user", "--debug", "--broker-id", id, "--username", "u1", "--password-file", pwFile),
		c.runIn(secretPassword+"\n", "create-user", "--debug", "--broker-id", id, "--username", "u2", "--password-stdin"),
		c.expect(0, append([]string{"create-broker", "--debug", "--broker-name", "debug2", "--users", "Username=admin,Password=" + secretPassword}, brokerArgs[:7]...)...),
		c.expect(5, "create-user", "--debug", "--broker-id", id, "--username", "u1", "--password", secretPassword),
	}
	sig := regexp.MustCompile(`Signature=[0-9a-f]{16,}`)
	for i, r := range runs {
		all := r.stdout + r.stderr
		if !strings.Contains(r.stderr, "mqctl debug: request ") || !strings.Contains(r.stderr, "mqctl debug: response ") {
			t.Errorf("run %d: no request/response trace:\n%s", i, r.stderr)
		}
		if !strings.Contains(r.stderr, "Signature=<redacted>") {
			t.Errorf("run %d: the Authorization header is not traced with a redacted signature", i)
		}
		for _, secret := range []string{secretPassword, testSecret} {
			if strings.Contains(all, secret) {
				t.Errorf("run %d: output shows the secret %q:\n%s", i, secret, all)
			}
		}
		if m := sig.FindString(all); m != "" {
			t.Errorf("run %d: output shows a signature %q", i, m)
		}
	}
	if !strings.Contains(runs[0].stderr, `"password":"<redacted>"`) {
		t.Errorf("the request body is not traced with the password redacted:\n%s", runs[0].stderr)
	}
}

// TestPasswordSources checks --password-file and --password-stdin, and
// that two sources at once are refused without echoing either.
func TestPasswordSources(t *testing.T) {
	t.Parallel()
	srv, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.createBroker("pw")
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(secretPassword+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("create-user", "--broker-id", id, "--username", "file", "--password-file", pwFile)
	c.okIn(secretPassword+"\n", "create-user", "--broker-id", id, "--username", "stdin", "--password-stdin")
	r := c.expect(2, "create-user", "--broker-id", id, "--username", "both", "--password", secretPassword, "--password-file", pwFile)
	if strings.Contains(r.stderr, secretPassword) {
		t.Errorf("usage error echoes the password: %s", r.stderr)
	}
	r = c.expect(2, "create-user", "--broker-id", id, "--username", "bad", "--users", "Password="+secretPassword)
	if strings.Contains(r.stderr, secretPassword) {
		t.Errorf("usage error echoes the password: %s", r.stderr)
	}
	n := 0
	for _, req := range srv.Requests() {
		if req.Operation == "CreateUser" {
			n++
			if !strings.Contains(string(req.Body), `"password"`) {
				t.Errorf("CreateUser body has no password: %s", req.Body)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d CreateUser requests, want 2", n)
	}
}

// TestCLIInputJSON checks --cli-input-json from a file and stdin, in the
// AWS CLI's member names, and that flags override it.
func TestCLIInputJSON(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	skel := c.ok("create-broker", "--generate-cli-skeleton")
	for _, key := range []string{`"BrokerName": ""`, `"EngineType": "ACTIVEMQ"`, `"SubnetIds": [`, `"MaintenanceWindowStartTime": {`} {
		if !strings.Contains(skel, key) {
			t.Errorf("skeleton lacks %s:\n%s", key, skel)
		}
	}
	input := `{"BrokerName": "from-json", "EngineType": "ACTIVEMQ", "DeploymentMode": "SINGLE_INSTANCE",
		"HostInstanceType": "mq.t3.micro", "PubliclyAccessible": true,
		"Users": [{"Username": "admin", "Password": "adminPassword123", "Groups": ["g1"]}],
		"Tags": {"src": "json"}, "MaintenanceWindowStartTime": {"DayOfWeek": "FRIDAY", "TimeOfDay": "03:00"}}`
	path := filepath.Join(t.TempDir(), "in.json")
	if err := os.WriteFile(path, []byte(input), 0o600); err != nil {
		t.Fatal(err)
	}
	id := c.field("BrokerId", "create-broker", "--cli-input-json", "file://"+path, "--broker-name", "overridden", "--no-publicly-accessible")
	got := c.field("[BrokerName, PubliclyAccessible, Tags.src, MaintenanceWindowStartTime.DayOfWeek]", "describe-broker", "--broker-id", id)
	if got != "overridden\tFalse\tjson\tFRIDAY" {
		t.Errorf("broker from --cli-input-json: %q", got)
	}
	out := c.okIn(`{"BrokerId": "`+id+`"}`, "describe-broker", "--cli-input-json", "-", "--query", "BrokerName", "--output", "text")
	if out != "overridden\n" {
		t.Errorf("--cli-input-json -: %q", out)
	}
	r := c.expect(2, "describe-broker", "--cli-input-json", `{"BrokerID": "x", "Bogus": 1}`)
	if !strings.Contains(r.stderr, `unknown member "Bogus"`) {
		t.Errorf("unknown member: %s", r.stderr)
	}
}

// TestShorthandFlags checks the AWS CLI shorthand and JSON for structure,
// list and map flags.
func TestShorthandFlags(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.field("BrokerId", "create-broker", "--broker-name", "shorthand", "--engine-type", "ACTIVEMQ",
		"--deployment-mode", "ACTIVE_STANDBY_MULTI_AZ", "--host-instance-type", "mq.m5.large", "--publicly-accessible",
		"--users", "Username=admin,Password=adminPassword123,Groups=[a1,b1],ConsoleAccess=true", "Username=second,Password=secondPassword1",
		"--subnet-ids", "subnet-1", "subnet-2",
		"--security-groups", `["sg-1"]`,
		"--maintenance-window-start-time", `DayOfWeek=TUESDAY,TimeOfDay="04:00",TimeZone=Europe/Paris`,
		"--logs", "General=true",
		"--encryption-options", `{"UseAwsOwnedKey": true}`,
		"--tags", "a=1,b=2", "--tags", "c=3")
	got := c.field(`[join(',', SubnetIds), join(',', SecurityGroups), MaintenanceWindowStartTime.TimeZone, Logs.General, join(',', sort(keys(Tags))), join(',', Users[].Username)]`,
		"describe-broker", "--broker-id", id)
	// --tags given twice: the last wins, as in the AWS CLI.
	if got != "subnet-1,subnet-2\tsg-1\tEurope/Paris\tTrue\tc\tadmin,second" {
		t.Errorf("describe-broker: %q", got)
	}
}
