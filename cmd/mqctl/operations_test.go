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

// TestEveryOperationHasCommand checks, for every row of api.Operations,
// that the binary has its command, that the help documents a flag for
// every input member with its type (and the allowed values of enums), and
// that the client has the methods the command calls.
func TestEveryOperationHasCommand(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	top := c.ok("--help")
	ct := reflect.TypeFor[*client.Client]()
	for _, op := range api.Operations {
		name := commandName(op.Name)
		if !strings.Contains(top, "\n  "+name+" ") {
			t.Errorf("mqctl --help does not list %s", name)
		}
		help := c.ok(name, "--help")
		if d := descriptions[op.Name][0]; d == "" || !strings.HasPrefix(strings.Join(strings.Fields(help), " "), d) {
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
		if ex := examples[op.Name]; strings.Contains(ex, "Password=") || strings.Contains(ex, "--password ") {
			t.Errorf("%s: an example puts a password on the command line:\n%s", name, ex)
		}
		for _, method := range clientMethods(op) {
			if _, ok := ct.MethodByName(method); !ok {
				t.Errorf("%s: the client has no %s method", name, method)
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
	run("create-user", "--broker-id", id, "--username", "app", "--password-file", pw, "--groups", "readers,writers", "--console-access")
	run("update-user", "--broker-id", id, "--username", "app", "--groups", "readers", "--no-console-access")
	if got := field("Pending.Groups", "describe-user", "--broker-id", id, "--username", "app"); got != "readers" {
		t.Errorf("describe-user pending groups: %q", got)
	}
	if got := field("Users[].Username", "list-users", "--broker-id", id); !strings.Contains(got, "app") {
		t.Errorf("list-users: %q", got)
	}
	run("delete-user", "--broker-id", id, "--username", "app")
	run("update-broker", "--broker-id", id, "--engine-version", "5.17", "--auto-minor-version-upgrade")
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
