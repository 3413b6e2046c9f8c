package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// TestEveryOperationHasCommand checks, for every row of api.Operations
// (all 25 of them), that the binary has its command, with the generated
// metadata, that the help documents a flag for every input member with
// its type (and the allowed values of enums), and that the client has the
// methods the command calls.
func TestEveryOperationHasCommand(t *testing.T) {
	t.Parallel()
	if len(api.Operations) != 25 || len(commands) != len(api.Operations) {
		t.Errorf("%d operations, %d generated commands; want 25 of each", len(api.Operations), len(commands))
	}
	c := newCLI(t)
	top := c.ok("--help")
	ct := reflect.TypeFor[*client.Client]()
	for _, op := range api.Operations {
		info := commands[op.Name]
		if info == nil {
			t.Errorf("%s has no generated command metadata", op.Name)
			continue
		}
		name := commandName(op.Name)
		if info.name != name {
			t.Errorf("%s: generated command name %q, the CLI's rule says %q", op.Name, info.name, name)
		}
		if info.waiter != op.Waiter {
			t.Errorf("%s: generated waiter %q, the operation table's %q", op.Name, info.waiter, op.Waiter)
		}
		if !strings.Contains(top, "\n  "+name+" ") {
			t.Errorf("mqctl --help does not list %s", name)
		}
		help := c.ok(name, "--help")
		if d := info.short; d == "" || !strings.HasPrefix(strings.Join(strings.Fields(help), " "), d) {
			t.Errorf("%s: help does not start with its description %q", name, d)
		}
		for _, m := range membersOf(op.Input) {
			flag := "--" + commandName(m.name)
			if !strings.Contains(help, flag+" ") && !strings.Contains(help, flag+"\n") {
				t.Errorf("%s: help has no %s flag", name, flag)
			}
			if vals := enumValues(indirect(m.typ)); vals != nil && !strings.Contains(help, strings.Join(vals, ", ")) {
				t.Errorf("%s: help of %s does not list %v", name, flag, vals)
			}
			if m.required && !strings.Contains(help, flag) {
				t.Errorf("%s: %s is required but not documented", name, flag)
			}
			if s := secretNested(m.typ); s != "" && !strings.Contains(help, "holds secrets ("+s+"): prefer file://PATH") {
				t.Errorf("%s: help of %s does not warn that it holds %s", name, flag, s)
			}
		}
		if ex := info.example; strings.Contains(ex, "Password=") || strings.Contains(ex, "--password ") {
			t.Errorf("%s: an example puts a password on the command line:\n%s", name, ex)
		}
		for _, method := range clientMethods(op) {
			if _, ok := ct.MethodByName(method); !ok {
				t.Errorf("%s: the client has no %s method", name, method)
			}
		}
	}
}

// TestHelpShowsModelDoc checks that `mqctl help <command>` and
// `<command> --help` show the model's documentation of the operation, the
// overlay's detail and example, and each flag's documentation.
func TestHelpShowsModelDoc(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	create := c.ok("help", "create-broker")
	if got := c.ok("create-broker", "--help"); got != create {
		t.Errorf("mqctl help create-broker and create-broker --help differ:\n%s\n---\n%s", create, got)
	}
	for _, want := range []string{
		"Creates a broker. Note: This API is asynchronous.\n",                                   // the model
		"To create a broker, you must either use the AmazonMQFullAccess IAM policy or\ninclude", // the model
		"- ec2:CreateNetworkInterface\n",                                                        // the model
		"The call is asynchronous: the broker starts in CREATION_IN_PROGRESS and\n",             // the overlay
		"Examples:\n  # users.json (mode 600)",                                                  // the overlay
		"  mqctl create-broker --broker-name orders --engine-type ACTIVEMQ \\\n",                // the overlay
		"required; string BrokerName\n",                                                         // the flag
		"                                                     The broker's name.\n",             // the model
	} {
		if !strings.Contains(create, want) {
			t.Errorf("mqctl help create-broker lacks %q:\n%s", want, create)
		}
	}
	for _, op := range api.Operations {
		info := commands[op.Name]
		help := c.ok("help", info.name)
		if !strings.Contains(help, info.long+"\n") {
			t.Errorf("mqctl help %s lacks its long description:\n%s", info.name, info.long)
		}
		if info.example != "" && !strings.Contains(help, "Examples:\n"+info.example+"\n") {
			t.Errorf("mqctl help %s lacks its example:\n%s", info.name, info.example)
		}
		_, flags, _ := strings.Cut(help, "\nFlags:\n")
		for member, doc := range info.flags {
			flag := "--" + commandName(member)
			_, usage, ok := strings.Cut(flags, "  "+flag+" ")
			if !ok {
				t.Errorf("mqctl help %s has no %s", info.name, flag)
				continue
			}
			// The flag's line, then its documentation on the next.
			if lines := strings.SplitN(usage, "\n", 3); len(lines) < 2 || strings.TrimSpace(lines[1]) != doc {
				t.Errorf("mqctl help %s: %s is not documented with %q on a line of its own:\n%.300s", info.name, flag, doc, usage)
			}
		}
	}
}

// TestFlagNames pins the AWS CLI spelling of some flags.
func TestFlagNames(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	want := map[string][]string{
		"create-broker": {"--broker-name", "--engine-type", "--subnet-ids", "--publicly-accessible", "--no-publicly-accessible",
			"--auto-minor-version-upgrade", "--maintenance-window-start-time", "--data-replication-primary-broker-arn",
			"--creator-request-id", "--users", "--tags", "--wait"},
		"describe-configuration-revision": {"--configuration-id", "--configuration-revision"},
		"delete-tags":                     {"--resource-arn", "--tag-keys"},
		"list-brokers":                    {"--max-results", "--next-token", "--max-items", "--page-size", "--starting-token"},
		"create-user":                     {"--password", "--password-file", "--password-stdin", "--console-access", "--groups"},
		"describe-broker":                 {"--broker-id", "--dry-run", "--cli-input-json", "--generate-cli-skeleton"},
	}
	for cmd, flags := range want {
		help := c.ok(cmd, "--help")
		for _, f := range flags {
			if !strings.Contains(help, f+" ") {
				t.Errorf("%s --help lacks %s", cmd, f)
			}
		}
	}
}

// TestAllOperations drives every operation through the binary against the
// emulator, in an order that gives each one something to act on.
func TestAllOperations(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	ran := map[string]bool{}
	run := func(args ...string) string {
		t.Helper()
		ran[args[0]] = true
		return c.ok(args...)
	}
	field := func(q string, args ...string) string {
		t.Helper()
		ran[args[0]] = true
		return c.field(q, args...)
	}

	cfg := field("Id", "create-configuration", "--name", "all-ops", "--engine-type", "ACTIVEMQ")
	cfgARN := field("Arn", "describe-configuration", "--configuration-id", cfg)
	xml := base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0"?><broker xmlns="http://activemq.apache.org/schema/core"/>`))
	if rev := field("LatestRevision.Revision", "update-configuration", "--configuration-id", cfg, "--data", xml, "--description", "second"); rev != "2" {
		t.Errorf("update-configuration made revision %s, want 2", rev)
	}
	if got := field("Description", "describe-configuration-revision", "--configuration-id", cfg, "--configuration-revision", "2"); got != "second" {
		t.Errorf("describe-configuration-revision: description %q", got)
	}
	if got := field("length(Revisions)", "list-configuration-revisions", "--configuration-id", cfg); got != "2" {
		t.Errorf("list-configuration-revisions: %s revisions, want 2", got)
	}
	if got := field("Configurations[].Name", "list-configurations"); got != "all-ops" {
		t.Errorf("list-configurations: %q", got)
	}

	run("describe-broker-engine-types", "--engine-type", "ACTIVEMQ")
	run("describe-broker-instance-options", "--engine-type", "RABBITMQ", "--host-instance-type", "mq.m5.large")
	id := field("BrokerId", append([]string{"create-broker", "--broker-name", "primary", "--configuration", "Id=" + cfg + ",Revision=2"}, brokerArgs...)...)
	arn := field("BrokerArn", "describe-broker", "--broker-id", id)
	if got := field("BrokerSummaries[0].BrokerId", "list-brokers"); got != id {
		t.Errorf("list-brokers: %q, want %q", got, id)
	}

	run("create-tags", "--resource-arn", arn, "--tags", "env=dev,team=mq")
	run("create-tags", "--resource-arn", cfgARN, "--tags", `{"owner":"ops"}`)
	run("delete-tags", "--resource-arn", arn, "--tag-keys", "team")
	if got := field("Tags", "list-tags", "--resource-arn", arn); got != "dev" {
		t.Errorf("list-tags after delete-tags: %q", got)
	}

	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("userPassword123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run("create-user", "--broker-id", id, "--username", "app", "--password-file", pw, "--groups", "readers", "writers", "--console-access")
	run("update-user", "--broker-id", id, "--username", "app", "--groups", "readers", "--no-console-access")
	if got := field("Pending.Groups", "describe-user", "--broker-id", id, "--username", "app"); got != "readers" {
		t.Errorf("describe-user pending groups: %q", got)
	}
	if got := field("Users[].Username", "list-users", "--broker-id", id); !strings.Contains(got, "app") {
		t.Errorf("list-users: %q", got)
	}
	run("delete-user", "--broker-id", id, "--username", "app")
	rabbit := c.createRabbitMQBroker("all-ops-rabbit")
	if got := field("length(SharedResources)", "describe-shared-resources", "--broker-id", rabbit); got != "0" {
		t.Errorf("describe-shared-resources of a new broker: %s resources, want 0", got)
	}
	run("update-broker", "--broker-id", id, "--engine-version", "5.18", "--auto-minor-version-upgrade")
	run("reboot-broker", "--broker-id", id)

	replica := field("BrokerId", append([]string{"create-broker", "--broker-name", "replica", "--data-replication-mode", "CRDR",
		"--data-replication-primary-broker-arn", arn}, brokerArgs...)...)
	if got := field("BrokerId", "promote", "--broker-id", replica, "--mode", "SWITCHOVER"); got != replica {
		t.Errorf("promote: %q", got)
	}
	run("delete-broker", "--broker-id", replica)
	run("delete-broker", "--broker-id", id)
	if got := field("ConfigurationId", "delete-configuration", "--configuration-id", cfg); got != cfg {
		t.Errorf("delete-configuration: %q", got)
	}

	for _, op := range api.Operations {
		if !ran[commandName(op.Name)] {
			t.Errorf("%s was not run", commandName(op.Name))
		}
	}
	if len(ran) != len(api.Operations) {
		var names []string
		for n := range ran {
			names = append(names, n)
		}
		slices.Sort(names)
		t.Errorf("ran %d commands, the table has %d operations: %v", len(ran), len(api.Operations), names)
	}
}

// clientMethods lists the client methods an operation command calls.
func clientMethods(op *api.Operation) []string {
	names := []string{op.Name}
	if op.Paging != nil {
		names = append(names, op.Name+"All")
	}
	return names
}

// TestDescribeSharedResources drives the newest operation end to end
// against the emulator: its command, an empty listing of a new RabbitMQ
// broker, UpdateBroker's --resource-share-arns, the pagination flags and
// the exit code of an unknown broker.
func TestDescribeSharedResources(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	id := c.createRabbitMQBroker("shared")
	out := c.ok("describe-shared-resources", "--broker-id", id)
	if strings.Join(strings.Fields(out), "") != `{"SharedResources":[]}` {
		t.Errorf("describe-shared-resources of a new broker:\n%s", out)
	}

	shares := []string{"arn:aws:ram:us-east-1:123456789012:resource-share/11111111-aaaa-bbbb-cccc-000000000001",
		"arn:aws:ram:us-east-1:123456789012:resource-share/11111111-aaaa-bbbb-cccc-000000000002"}
	c.ok(append([]string{"update-broker", "--broker-id", id, "--resource-share-arns"}, shares...)...)
	if got := c.field("SharedResources[].ResourceArn", "describe-shared-resources", "--broker-id", id, "--page-size", "1"); got != strings.Join(shares, "\n") {
		// text output applies --query to each page, as the AWS CLI does
		t.Errorf("describe-shared-resources --page-size 1 after update-broker --resource-share-arns: %q", got)
	}
	first := strings.TrimSpace(c.ok("describe-shared-resources", "--broker-id", id, "--max-items", "1",
		"--query", "join(' ', [to_string(length(SharedResources)), NextToken])", "--output", "json"))
	n, token, _ := strings.Cut(strings.Trim(first, `"`), " ")
	if n != "1" || token == "" || token == "None" {
		t.Fatalf("describe-shared-resources --max-items 1: %q", first)
	}
	if got := c.field("SharedResources[].ResourceArn", "describe-shared-resources", "--broker-id", id, "--starting-token", token); got != shares[1] {
		t.Errorf("describe-shared-resources --starting-token: %q, want %s", got, shares[1])
	}

	r := c.expect(4, "describe-shared-resources", "--broker-id", "b-missing")
	if !strings.Contains(r.stderr, "NotFoundException") {
		t.Errorf("unknown broker: %s", r.stderr)
	}
}
