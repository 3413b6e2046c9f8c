package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestQuery checks --query over the PascalCase document with each output
// format.
func TestQuery(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	a := c.createBroker("alpha")
	b := c.createBroker("beta", "--tags", "env=prod")

	cases := []struct {
		args []string
		want string
	}{
		{[]string{"list-brokers", "--query", "BrokerSummaries[?BrokerName=='beta'].BrokerId", "--output", "text"}, b + "\n"},
		{[]string{"list-brokers", "--query", "sort(BrokerSummaries[].BrokerName)", "--output", "json"}, "[\n    \"alpha\",\n    \"beta\"\n]\n"},
		{[]string{"list-brokers", "--query", "length(BrokerSummaries)"}, "2\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "BrokerName"}, "\"alpha\"\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "BrokerName", "--output", "text"}, "alpha\n"},
		{[]string{"describe-broker", "--broker-id", b, "--query", "Tags.env", "--output", "text"}, "prod\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "{N: BrokerName, S: BrokerState}", "--output", "text"}, "alpha\tRUNNING\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "Missing"}, "null\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "PubliclyAccessible", "--output", "text"}, "False\n"},
		// python jmespath's legacy literal: `RUNNING` is the string "RUNNING"
		{[]string{"list-brokers", "--query", "BrokerSummaries[?BrokerState==`RUNNING`] | length(@)"}, "2\n"},
		{[]string{"list-brokers", "--query", "BrokerSummaries[?BrokerName==` beta`].BrokerId", "--output", "text"}, b + "\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "`foo bar`"}, "\"foo bar\"\n"},
		// a multiselect hash keeps the expression's order in json
		{[]string{"describe-broker", "--broker-id", a, "--query", "{Z: BrokerName, A: BrokerState}"}, "{\n    \"Z\": \"alpha\",\n    \"A\": \"RUNNING\"\n}\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "{Z: BrokerName, A: BrokerState}", "--output", "yaml"}, "A: RUNNING\nZ: alpha\n"},
		{[]string{"describe-broker", "--broker-id", a, "--query", "{V: EngineVersion, N: Nope}", "--output", "yaml"}, "N: null\nV: '5.19'\n"},
		{[]string{"list-brokers", "--query", "BrokerSummaries[].BrokerName", "--output", "yaml-stream"}, "- - alpha\n  - beta\n"},
	}
	for _, tc := range cases {
		if got := c.ok(tc.args...); got != tc.want {
			t.Errorf("mqctl %s\n got %q\nwant %q", strings.Join(tc.args, " "), got, tc.want)
		}
	}
}

// TestPagination checks paging as the AWS CLI does it: only operations
// the model marks paginated (list-brokers) fetch every page; --max-items
// and --starting-token resume where they stopped (0 included); the
// operation's own --max-results or --no-paginate give one page and the
// service's token, which --starting-token takes too; the other listings
// (list-configurations) are one call with their own members.
func TestPagination(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithBrokerCreateDelay(0))
	var want []string
	for i := range 5 {
		name := fmt.Sprintf("pg-%d", i)
		c.createBroker(name)
		want = append(want, name)
	}
	type page struct {
		BrokerSummaries []struct{ BrokerName string }
		NextToken       string
	}
	list := func(args ...string) page {
		t.Helper()
		var p page
		out := c.ok(append([]string{"list-brokers"}, args...)...)
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return p
	}
	names := func(p page) []string {
		var n []string
		for _, b := range p.BrokerSummaries {
			n = append(n, b.BrokerName)
		}
		return n
	}

	all := list("--page-size", "2")
	if got := names(all); strings.Join(got, ",") != strings.Join(want, ",") || all.NextToken != "" {
		t.Fatalf("merged pages: %v, token %q; want %v and no token", got, all.NextToken, want)
	}
	var resumed []string
	p := list("--page-size", "2", "--max-items", "3")
	resumed = append(resumed, names(p)...)
	if len(p.BrokerSummaries) != 3 || p.NextToken == "" {
		t.Fatalf("--max-items 3: %d items, token %q", len(p.BrokerSummaries), p.NextToken)
	}
	p = list("--page-size", "2", "--max-items", "3", "--starting-token", p.NextToken)
	resumed = append(resumed, names(p)...)
	if p.NextToken != "" {
		t.Errorf("last page has token %q", p.NextToken)
	}
	if strings.Join(resumed, ",") != strings.Join(want, ",") {
		t.Errorf("resumed listing %v, want %v", resumed, want)
	}
	zero := list("--max-items", "0")
	if len(zero.BrokerSummaries) != 0 || zero.NextToken == "" {
		t.Errorf("--max-items 0: %d items, token %q; want none and a token", len(zero.BrokerSummaries), zero.NextToken)
	}
	if got := names(list("--starting-token", zero.NextToken)); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("--starting-token of --max-items 0: %v", got)
	}

	for _, args := range [][]string{{"--no-paginate", "--max-results", "2"}, {"--max-results", "2"}} {
		first := list(args...)
		if len(first.BrokerSummaries) != 2 || first.NextToken == "" {
			t.Errorf("%v: %d items, token %q; want 2 and the service's token", args, len(first.BrokerSummaries), first.NextToken)
		}
		rest := list("--starting-token", first.NextToken)
		if got := append(names(first), names(rest)...); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("service token as --starting-token: %v", got)
		}
	}
	r := c.expect(2, "list-brokers", "--max-results", "2", "--max-items", "1")
	if !strings.Contains(r.stderr, "Cannot specify --no-paginate along with pagination arguments: --max-items") {
		t.Errorf("--max-results with --max-items: %s", r.stderr)
	}

	for i := range 3 {
		c.ok("create-configuration", "--name", fmt.Sprintf("cfg-%d", i), "--engine-type", "ACTIVEMQ")
	}
	var cfgs struct {
		Configurations []any
		MaxResults     int
		NextToken      string
	}
	out := c.ok("list-configurations", "--max-results", "2")
	if err := json.Unmarshal([]byte(out), &cfgs); err != nil || len(cfgs.Configurations) != 2 || cfgs.MaxResults != 2 || cfgs.NextToken == "" {
		t.Errorf("list-configurations --max-results 2 (one page, its own members): %s", out)
	}
	c.expect(2, "list-configurations", "--max-items", "1")
}
