//go:build compat

package compat

import (
	"encoding/json"
	"strings"
	"testing"
)

// brokerView is a multiselect hash of describe-broker's members that the
// AWS CLI 2.9's model knows too (it predates DataReplicationMode), nested
// lists and objects, numbers-as-strings, booleans and timestamps included.
const brokerView = "{Name: BrokerName, AuthenticationStrategy: AuthenticationStrategy, AutoMinorVersionUpgrade: AutoMinorVersionUpgrade, " +
	"BrokerInstances: BrokerInstances, Configurations: Configurations, Created: Created, EngineVersion: EngineVersion, " +
	"Logs: Logs, MaintenanceWindowStartTime: MaintenanceWindowStartTime, PubliclyAccessible: PubliclyAccessible, Users: Users, Missing: Nope}"

// mine restricts list-brokers to the suite's own broker, so that the
// brokers other cases create do not matter.
const mine = "BrokerSummaries[?BrokerId=='{{broker}}']"

// outputCases: items 2 (JMESPath), 3 (output formats) and 4 (paging).
var outputCases = []compatCase{
	// 2. JMESPath as python jmespath evaluates it.
	{name: "query/legacy-literal", args: []string{"mq", "list-brokers", "--query", "BrokerSummaries[?BrokerId=='{{broker}}' && BrokerState==`RUNNING`].BrokerName"}},
	{name: "query/legacy-literal-blank", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "EngineType==` ACTIVEMQ`"}},
	{name: "query/legacy-literal-text", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "`foo bar`", "--output", "text"}},
	{name: "query/json-literal", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "length(Users) == `1`"}},
	{name: "query/multiselect-hash-order", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "{Z: BrokerName, A: EngineType, M: Users[0].Username, N: Nope}"}},
	{name: "query/multiselect-hash-in-projection", args: []string{"mq", "list-brokers", "--query", mine + ".{State: BrokerState, Name: BrokerName, Arn: BrokerArn}"}},
	{name: "query/multiselect-list-text", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[BrokerName, EngineType, PubliclyAccessible]", "--output", "text"}},
	{name: "query/functions", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "{E: join(',', sort(BrokerInstances[0].Endpoints)), U: sort_by(Users, &Username)[].Username}"}},
	{name: "query/null-json", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "Nope"}},
	{name: "query/null-text", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "Nope", "--output", "text"}},
	{name: "query/scalar-table", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "BrokerName", "--output", "table"}},
	{name: "query/syntax-error", args: []string{"mq", "list-brokers", "--query", "BrokerSummaries[?"}},
	{name: "query/unknown-function", args: []string{"mq", "list-brokers", "--query", "foo(@)"}},
	{name: "query/wrong-argument-type", args: []string{"mq", "list-brokers", "--query", "length(`1`)"},
		diff:  "an argument of the wrong type fails as in the AWS CLI (255), worded by the Go JMESPath library, not python jmespath",
		check: wantStderr(255, "invalid type")},
	{name: "query/scalar-yaml", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "EngineVersion", "--output", "yaml"}},

	// 3. Output formats, byte for byte.
	{name: "output/describe-broker-json", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView}},
	{name: "output/describe-broker-text", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView, "--output", "text"}},
	{name: "output/describe-broker-table", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView, "--output", "table"}},
	{name: "output/describe-broker-yaml", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView, "--output", "yaml"}},
	{name: "output/describe-broker-yaml-stream", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView, "--output", "yaml-stream"}},
	{name: "output/describe-broker-whole", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}"},
		diff:  "the AWS CLI 2.9's model predates DataReplicationMode and drops it; mqctl's model has it",
		check: wantStdout(0, `"DataReplicationMode": "NONE"`)},
	{name: "output/list-brokers-json", args: []string{"mq", "list-brokers", "--query", "{BrokerSummaries: " + mine + "}"}},
	{name: "output/list-brokers-text", args: []string{"mq", "list-brokers", "--query", "{BrokerSummaries: " + mine + "}", "--output", "text"}},
	{name: "output/list-brokers-table", args: []string{"mq", "list-brokers", "--query", "{BrokerSummaries: " + mine + "}", "--output", "table"}},
	{name: "output/list-brokers-yaml", args: []string{"mq", "list-brokers", "--query", "{BrokerSummaries: " + mine + "}", "--output", "yaml"}},
	{name: "output/list-users-json", args: []string{"mq", "list-users", "--broker-id", "{{broker}}"}},
	{name: "output/list-users-text", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--output", "text"}},
	{name: "output/list-users-table", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--output", "table"}},
	{name: "output/list-users-yaml", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--output", "yaml"}},
	{name: "output/describe-user-text", args: []string{"mq", "describe-user", "--broker-id", "{{broker}}", "--username", "admin", "--query", "{U: Username, G: Groups, C: ConsoleAccess, P: Pending}", "--output", "text"}},
	{name: "output/engine-types-json", args: []string{"mq", "describe-broker-engine-types"}},
	{name: "output/engine-types-text", args: []string{"mq", "describe-broker-engine-types", "--output", "text"}},
	{name: "output/engine-types-table", args: []string{"mq", "describe-broker-engine-types", "--output", "table"}},
	{name: "output/engine-types-yaml", args: []string{"mq", "describe-broker-engine-types", "--output", "yaml"}},
	{name: "output/list-tags-one", setup: freshBroker("env=prod"), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}"}},
	{name: "output/list-tags-text", setup: freshBroker("env=prod"), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}", "--output", "text"}},
	{name: "output/list-tags-table", setup: freshBroker("env=prod"), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}", "--output", "table"}},
	{name: "output/list-tags-yaml-sorted", setup: freshBroker("zone=a,env=prod"), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}", "--output", "yaml"}},
	{name: "output/list-tags-order", setup: freshBroker("zone=a,env=prod"), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}"},
		diff:  "the AWS CLI prints a map (Tags) in the order the service sent it; mqctl decodes into a Go map and prints its keys sorted",
		check: wantStdout(0, "\"env\": \"prod\",\n        \"zone\": \"a\"")},
	{name: "output/empty-map", setup: freshBroker(""), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}"}},
	{name: "output/empty-map-text", setup: freshBroker(""), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}", "--output", "text"}},
	{name: "output/empty-map-table", setup: freshBroker(""), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}", "--output", "table"}},
	{name: "output/empty-map-yaml", setup: freshBroker(""), args: []string{"mq", "list-tags", "--resource-arn", "{{arn}}", "--output", "yaml"}},
	{name: "output/empty-output", setup: freshBroker(""), args: []string{"mq", "create-tags", "--resource-arn", "{{arn}}", "--tags", "a=1"}},
	{name: "output/empty-output-yaml", setup: freshBroker(""), args: []string{"mq", "create-tags", "--resource-arn", "{{arn}}", "--tags", "a=1", "--output", "yaml"}},
	{name: "output/empty-list", args: []string{"mq", "list-brokers", "--query", "{BrokerSummaries: BrokerSummaries[?BrokerName=='none']}", "--output", "yaml"}},
	{name: "output/configuration-revision", setup: freshConfiguration,
		args: []string{"mq", "describe-configuration-revision", "--configuration-id", "{{cfg}}", "--configuration-revision", "1"}},
	{name: "output/configuration-revision-text", setup: freshConfiguration,
		args: []string{"mq", "describe-configuration-revision", "--configuration-id", "{{cfg}}", "--configuration-revision", "1", "--output", "text"}},
	{name: "output/configuration-revision-yaml", setup: freshConfiguration,
		args: []string{"mq", "describe-configuration-revision", "--configuration-id", "{{cfg}}", "--configuration-revision", "1", "--output", "yaml"}},
	{name: "output/color-on-table", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView, "--output", "table", "--color", "on"}},
	{name: "output/color-off-table", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", brokerView, "--output", "table", "--color", "off"}},
	{name: "output/color-on-json", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--color", "on"}},
	{name: "output/pager-not-at-terminal", env: map[string]string{"AWS_PAGER": "false"}, args: []string{"mq", "list-users", "--broker-id", "{{broker}}"}},
	{name: "output/cli-pager-not-at-terminal", files: map[string]string{"config": "[default]\ncli_pager = false\n"}, args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--no-cli-pager"}},
	{name: "output/timestamp-iso8601", args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[length(Created), Created]", "--output", "text"}},
	{name: "output/timestamp-wire", files: map[string]string{"config": "[default]\ncli_timestamp_format = wire\n"},
		args: []string{"mq", "describe-broker", "--broker-id", "{{broker}}", "--query", "[length(Created), Created]", "--output", "text"}},
	{name: "output/timestamp-wire-yaml", files: map[string]string{"config": "[default]\ncli_timestamp_format = wire\n"},
		args: []string{"mq", "list-brokers", "--query", mine + ".Created", "--output", "yaml"}},
	{name: "output/timestamp-bogus", files: map[string]string{"config": "[default]\ncli_timestamp_format = bogus\n"}, args: []string{"mq", "list-brokers"}},

	// 4. Paging as the model defines it.
	{name: "paging/max-items-token", setup: twoBrokers, args: []string{"mq", "list-brokers", "--max-items", "1", "--query", "NextToken"}},
	{name: "paging/max-items-page-boundary", setup: twoBrokers, args: []string{"mq", "list-brokers", "--max-items", "1", "--page-size", "1", "--query", "NextToken"}},
	{name: "paging/max-items-mid-page", setup: twoBrokers, args: []string{"mq", "list-brokers", "--max-items", "2", "--page-size", "3", "--query", "NextToken"}},
	{name: "paging/max-items-zero", args: []string{"mq", "list-brokers", "--max-items", "0"}},
	{name: "paging/max-items-text", setup: twoBrokers, args: []string{"mq", "list-brokers", "--max-items", "1", "--output", "text"}},
	{name: "paging/text-query-per-page", setup: twoBrokers, args: []string{"mq", "list-brokers", "--page-size", "1", "--max-items", "2", "--output", "text", "--query", "BrokerSummaries[].EngineType"}},
	{name: "paging/yaml-stream-pages", setup: twoBrokers, args: []string{"mq", "list-brokers", "--page-size", "1", "--max-items", "2", "--output", "yaml-stream", "--query", "BrokerSummaries[].EngineType"}},
	{name: "paging/yaml-merged", setup: twoBrokers, args: []string{"mq", "list-brokers", "--page-size", "1", "--max-items", "2", "--output", "yaml", "--query", "[length(BrokerSummaries), NextToken]"}},
	{name: "paging/merged-json", setup: twoBrokers, args: []string{"mq", "list-brokers", "--page-size", "1", "--query", "[length(BrokerSummaries) > `1`, NextToken]"}},
	{name: "paging/starting-token-of-mqctl", setup: startToken("mqctl"), args: []string{"mq", "list-brokers", "--starting-token", "{{token}}", "--max-items", "1", "--query", "[length(BrokerSummaries), NextToken]"}},
	{name: "paging/starting-token-of-aws", setup: startToken("aws"), args: []string{"mq", "list-brokers", "--starting-token", "{{token}}", "--max-items", "1", "--query", "[length(BrokerSummaries), NextToken]"}},
	{name: "paging/starting-token-of-service", setup: startToken("service"), args: []string{"mq", "list-brokers", "--starting-token", "{{token}}", "--max-items", "1", "--query", "[length(BrokerSummaries), NextToken]"}},
	{name: "paging/max-results-turns-paging-off", setup: twoBrokers, args: []string{"mq", "list-brokers", "--max-results", "1", "--query", "[length(BrokerSummaries), NextToken != null]"}},
	{name: "paging/next-token-turns-paging-off", setup: startToken("service"), args: []string{"mq", "list-brokers", "--next-token", "{{token}}", "--max-results", "1", "--query", "length(BrokerSummaries)"}},
	{name: "paging/no-paginate", setup: twoBrokers, args: []string{"mq", "list-brokers", "--no-paginate", "--max-results", "1", "--query", "[length(BrokerSummaries), NextToken != null]"}},
	{name: "paging/no-paginate-with-max-items", args: []string{"mq", "list-brokers", "--no-paginate", "--max-items", "1"}},
	{name: "paging/max-results-with-page-size", args: []string{"mq", "list-brokers", "--max-results", "1", "--page-size", "1", "--starting-token", "x"}},
	{name: "paging/page-size-zero", args: []string{"mq", "list-brokers", "--page-size", "0"}},
	{name: "paging/unpaged-own-members", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--max-results", "1"}},
	{name: "paging/unpaged-no-max-items", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--max-items", "1"}},
	{name: "paging/unpaged-text", args: []string{"mq", "list-users", "--broker-id", "{{broker}}", "--max-results", "5", "--output", "text"}},
}

// wantStdout is a check that mqctl exits with code and that its stdout
// holds every one of parts.
func wantStdout(code int, parts ...string) func(t *testing.T, aws, mqctl result) {
	return func(t *testing.T, aws, mq result) {
		t.Helper()
		wantCode(code)(t, aws, mq)
		for _, p := range parts {
			if !strings.Contains(mq.stdout, p) {
				t.Errorf("mqctl stdout lacks %q:\n%s", p, mq.stdout)
			}
		}
	}
}

// twoBrokers is a setup that makes sure the listing has at least three
// brokers, so that pages of one and --max-items cut it.
func twoBrokers(t *testing.T, s *suite) map[string]string {
	t.Helper()
	for len(s.listBrokerIDs(t)) < 3 {
		freshBroker("")(t, s)
	}
	return map[string]string{}
}

// listBrokerIDs lists every broker through mqctl.
func (s *suite) listBrokerIDs(t *testing.T) []any {
	t.Helper()
	l, _ := s.mustJSON(t, "list-brokers")["BrokerSummaries"].([]any)
	return l
}

// freshConfiguration is a setup that creates a configuration and returns
// {{cfg}}, its ID.
func freshConfiguration(t *testing.T, s *suite) map[string]string {
	t.Helper()
	id, _ := s.mustJSON(t, "create-configuration", "--name", "compat-cfg", "--engine-type", "ACTIVEMQ", "--engine-version", "5.18")["Id"].(string)
	if id == "" {
		t.Fatal("create-configuration gave no Id")
	}
	return map[string]string{"{{cfg}}": id}
}

// startToken is a setup that returns {{token}}, a token to resume
// list-brokers from after its first broker: printed by mqctl --max-items 1,
// by the AWS CLI --max-items 1, or the service's NextToken of
// --max-results 1 ("service").
func startToken(from string) func(t *testing.T, s *suite) map[string]string {
	return func(t *testing.T, s *suite) map[string]string {
		t.Helper()
		twoBrokers(t, s)
		var tok string
		switch from {
		case "mqctl":
			tok, _ = s.mustJSON(t, "list-brokers", "--max-items", "1")["NextToken"].(string)
		case "service":
			tok, _ = s.mustJSON(t, "list-brokers", "--max-results", "1")["NextToken"].(string)
		case "aws":
			out, err := s.runAdmin(awsPath, "mq", "list-brokers", "--max-items", "1")
			if err != nil {
				t.Fatalf("aws list-brokers --max-items 1: %v", err)
			}
			var v struct{ NextToken string }
			_ = json.Unmarshal(out, &v)
			tok = v.NextToken
		}
		if tok == "" {
			t.Fatalf("no token from %s", from)
		}
		return map[string]string{"{{token}}": tok}
	}
}
