package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// dryRunBody runs mqctl --dry-run --output json with args and returns the
// request's JSON body and URL, as the client's request path built them.
func dryRunBody(t *testing.T, c *cli, args ...string) (map[string]any, string) {
	t.Helper()
	out := c.ok(append(args, "--dry-run", "--output", "json")...)
	var doc struct {
		Body map[string]any
		URL  string
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return doc.Body, doc.URL
}

// TestAWSCLISyntax checks the AWS CLI's parsing rules on the request that
// would be sent: space-separated list values, the last occurrence winning,
// commas kept in values, --x/--no-x, the mq word, file:// values.
func TestAWSCLISyntax(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "groups.json"), []byte(`["g1", "g2"]`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t, "AWS_REGION=us-east-1")
	user := []string{"update-user", "--broker-id", "b-1", "--username", "uu"}
	cases := []struct {
		name string
		args []string
		want map[string]any
	}{
		{"space-separated", []string{"--groups", "aa", "bb"}, map[string]any{"groups": []any{"aa", "bb"}}},
		{"last occurrence wins", []string{"--groups", "aa", "bb", "--groups", "cc"}, map[string]any{"groups": []any{"cc"}}},
		{"json list", []string{"--groups", `["aa", "bb"]`}, map[string]any{"groups": []any{"aa", "bb"}}},
		{"file", []string{"--groups", "file://" + filepath.Join(dir, "groups.json")}, map[string]any{"groups": []any{"g1", "g2"}}},
		{"=value", []string{"--groups=aa"}, map[string]any{"groups": []any{"aa"}}},
		{"yes then no", []string{"--console-access", "--no-console-access"}, map[string]any{"consoleAccess": false}},
		{"no then yes", []string{"--no-console-access", "--console-access"}, map[string]any{"consoleAccess": true}},
		{"list then bool", []string{"--groups", "aa", "bb", "--console-access"}, map[string]any{"groups": []any{"aa", "bb"}, "consoleAccess": true}},
	}
	for _, tc := range cases {
		got, _ := dryRunBody(t, c, append(append([]string{"mq"}, user...), tc.args...)...)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: body %v, want %v", tc.name, got, tc.want)
		}
	}
	_, url := dryRunBody(t, c, "delete-tags", "--resource-arn", "arn:aws:mq:us-east-1:123456789012:broker:x:b-1", "--tag-keys", "a,b", "c")
	if !strings.HasSuffix(url, "?tagKeys=a%2Cb&tagKeys=c") {
		t.Errorf("delete-tags --tag-keys a,b c: %s", url)
	}
	body, _ := dryRunBody(t, c, "--region", "us-east-1", "mq", "create-tags", "--resource-arn", "arn:aws:mq:us-east-1:123456789012:broker:x:b-1",
		"--tags", "a=1,b=2", "--tags", "c=3")
	if !reflect.DeepEqual(body, map[string]any{"tags": map[string]any{"c": "3"}}) {
		t.Errorf("create-tags --tags twice: %v", body)
	}
}

// TestAWSCLIUsageErrors checks the AWS CLI's wording of usage errors.
func TestAWSCLIUsageErrors(t *testing.T) {
	t.Parallel()
	c := newCLI(t, "AWS_REGION=us-east-1")
	cases := []struct {
		args []string
		want string // the line after the usage banner, or the first one
	}{
		{[]string{"describe-broker"}, "mqctl: error: the following arguments are required: --broker-id"},
		{[]string{"describe-broker", "--broker-id", "a", "b", "--bogus"}, "Unknown options: b, --bogus"},
		{[]string{"update-user", "--broker-id", "b", "--username", "uu", "--groups"}, "mqctl: error: argument --groups: expected at least one argument"},
		{[]string{"describe-broker", "--broker-id"}, "mqctl: error: argument --broker-id: expected one argument"},
		{[]string{"mq", "list-brokrs"}, "mqctl: error: argument operation: Invalid choice, valid choices are:"},
		{[]string{"describe-broker", "--generate-cli-skeleton", "xml"}, "mqctl: error: argument --generate-cli-skeleton: Invalid choice, valid choices are:"},
		{[]string{"describe-broker", "--broker-id", "file:///nonexistent/id"},
			"Error parsing parameter '--broker-id': Unable to load paramfile file:///nonexistent/id: [Errno 2] No such file or directory: '/nonexistent/id'"},
		{[]string{"describe-broker", "--cli-input-json", `{"BrokerId":`}, "Error parsing parameter 'cli-input-json': Invalid JSON received."},
		{[]string{"describe-broker", "--cli-input-yaml", "BrokerId: ["}, "Error parsing parameter 'cli-input-yaml': Invalid YAML received."},
	}
	for _, tc := range cases {
		r := c.expectAWS(252, tc.args...)
		if got := errorLine(r.stderr); got != tc.want {
			t.Errorf("mqctl %s: error line %q, want %q\n%s", strings.Join(tc.args, " "), got, tc.want, r.stderr)
		}
	}
}

// errorLine is the line of stderr that says what went wrong: the first
// non-empty one after the usage banner, if any.
func errorLine(stderr string) string {
	if _, after, ok := strings.Cut(stderr, usageBanner); ok {
		stderr = after
	}
	for _, l := range strings.Split(stderr, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// TestHelpWords checks `mqctl OP help`, `mqctl help OP` and `mqctl mq OP help`.
func TestHelpWords(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, args := range [][]string{{"describe-broker", "help"}, {"help", "describe-broker"}, {"mq", "describe-broker", "help"}, {"describe-broker", "--help"}} {
		if out := c.ok(args...); !strings.Contains(out, "--broker-id") || !strings.Contains(out, "DescribeBroker") {
			t.Errorf("mqctl %s: %.200q", strings.Join(args, " "), out)
		}
	}
}

// TestSkeletons checks the three kinds of --generate-cli-skeleton and that
// an input skeleton reads back through --cli-input-json and
// --cli-input-yaml.
func TestSkeletons(t *testing.T) {
	t.Parallel()
	c := newCLI(t, "AWS_REGION=us-east-1")
	in := c.ok("create-user", "--generate-cli-skeleton")
	var doc map[string]any
	if err := json.Unmarshal([]byte(in), &doc); err != nil || doc["Username"] != "" || doc["ConsoleAccess"] != true {
		t.Errorf("input skeleton: %v %s", err, in)
	}
	if in2 := c.ok("create-user", "--generate-cli-skeleton", "input"); in2 != in {
		t.Errorf("--generate-cli-skeleton input differs from the default")
	}
	y := c.ok("create-user", "--generate-cli-skeleton", "yaml-input")
	if !strings.HasPrefix(y, "BrokerId: ''  # [REQUIRED] ") || !strings.Contains(y, "\nGroups: # ") || !strings.Contains(y, "\n- ''\n") {
		t.Errorf("yaml-input skeleton:\n%s", y)
	}
	c.expectAWS(252, "describe-user", "--generate-cli-skeleton", "output")
	out := c.ok("describe-user", "--broker-id", "b", "--username", "u", "--generate-cli-skeleton", "output")
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc["Username"] != "Username" || !reflect.DeepEqual(doc["Groups"], []any{"__string"}) {
		t.Errorf("output skeleton: %v %s", err, out)
	}
	yamlIn := "BrokerId: b-1\nUsername: uu\nGroups:\n- aa\n- bb\nConsoleAccess: false\n"
	body, url := dryRunBody(t, c, "update-user", "--cli-input-yaml", yamlIn)
	if !strings.HasSuffix(url, "/v1/brokers/b-1/users/uu") || !reflect.DeepEqual(body, map[string]any{"groups": []any{"aa", "bb"}, "consoleAccess": false}) {
		t.Errorf("--cli-input-yaml: %s %v", url, body)
	}
	body, _ = dryRunBody(t, c, "update-user", "--cli-input-json", `{"BrokerId": "b-1", "Username": "uu", "Groups": ["aa"]}`, "--groups", "cc")
	if !reflect.DeepEqual(body, map[string]any{"groups": []any{"cc"}}) {
		t.Errorf("--cli-input-json with a flag over it: %v", body)
	}
}

func TestCloseMatches(t *testing.T) {
	choices := operationChoices()
	for word, want := range map[string][]string{
		"list-brokrs":     {"list-brokers"},
		"describe-brokr":  {"describe-broker"},
		"frobnicate":      {},
		"list-user":       {"list-users"},
		"reboot-brokers":  {"reboot-broker"},
		"delete-brokerzz": {"delete-broker"},
	} {
		if got := closeMatches(word, choices, 3, 0.8); !reflect.DeepEqual(got, want) {
			t.Errorf("closeMatches(%q) = %q, want %q", word, got, want)
		}
	}
	// difflib.SequenceMatcher(None, "abcd", "bcde").ratio() == 0.75
	if r := similarity("abcd", "bcde"); r != 0.75 {
		t.Errorf("similarity = %v", r)
	}
}

func TestNormalizeArgs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"mq list-brokers", "list-brokers"},
		{"--region eu-west-1 mq list-brokers --output text", "--region eu-west-1 list-brokers --output text"},
		{"help describe-broker", "describe-broker help"},
		{"mq help describe-broker", "describe-broker help"},
		{"help", "help"},
		{"list-brokers", "list-brokers"},
	} {
		if got := strings.Join(normalizeArgs(strings.Fields(tc.in)), " "); got != tc.want {
			t.Errorf("normalizeArgs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestConfigValue checks the profile selection and the section syntax the
// shared config file reader understands.
func TestConfigValue(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	data := "# comment\n[default]\noutput = text\ncli_pager=less\n\n[profile dev]\noutput = yaml\ns3 =\n  max_concurrent_requests = 4\nregion = eu-west-1\n[dev]\noutput = table\n"
	if err := os.WriteFile(cfg, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env     map[string]string
		profile string
		key     string
		want    string
		ok      bool
	}{
		{nil, "", "output", "text", true},
		{nil, "", "cli_pager", "less", true},
		{nil, "", "region", "", false},
		{nil, "dev", "output", "yaml", true},
		{nil, "dev", "region", "eu-west-1", true},
		{nil, "dev", "max_concurrent_requests", "", false},
		{map[string]string{"AWS_PROFILE": "dev"}, "", "output", "yaml", true},
		{map[string]string{"AWS_PROFILE": "dev"}, "default", "output", "text", true},
		{nil, "nope", "output", "", false},
	} {
		env := map[string]string{"AWS_CONFIG_FILE": cfg}
		for k, v := range tc.env {
			env[k] = v
		}
		a := &app{getenv: func(k string) string { return env[k] }}
		a.g.profile = tc.profile
		if got, ok := a.configValue(tc.key); got != tc.want || ok != tc.ok {
			t.Errorf("profile %q env %v: configValue(%q) = %q, %v; want %q, %v", tc.profile, tc.env, tc.key, got, ok, tc.want, tc.ok)
		}
	}
	a := &app{getenv: func(k string) string { return map[string]string{"HOME": dir}[k] }}
	if _, ok := a.configValue("output"); ok {
		t.Errorf("a missing ~/.aws/config gives a value")
	}
}
