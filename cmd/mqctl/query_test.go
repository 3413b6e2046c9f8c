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
	}
	for _, tc := range cases {
		if got := c.ok(tc.args...); got != tc.want {
			t.Errorf("mqctl %s\n got %q\nwant %q", strings.Join(tc.args, " "), got, tc.want)
		}
	}
}

// TestPagination checks that pages are merged, that --max-items and
// --starting-token resume where they stopped, and --no-paginate.
func TestPagination(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t)
	var want []string
	for i := range 5 {
		name := fmt.Sprintf("cfg-%d", i)
		c.ok("create-configuration", "--name", name, "--engine-type", "ACTIVEMQ")
		want = append(want, name)
	}
	type page struct {
		Configurations []struct{ Name string }
		NextToken      string
	}
	list := func(args ...string) page {
		t.Helper()
		var p page
		out := c.ok(append([]string{"list-configurations"}, args...)...)
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return p
	}
	names := func(p page) []string {
		var n []string
		for _, c := range p.Configurations {
			n = append(n, c.Name)
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
	if len(p.Configurations) != 3 || p.NextToken == "" {
		t.Fatalf("--max-items 3: %d items, token %q", len(p.Configurations), p.NextToken)
	}
	p = list("--page-size", "2", "--max-items", "3", "--starting-token", p.NextToken)
	resumed = append(resumed, names(p)...)
	if p.NextToken != "" {
		t.Errorf("last page has token %q", p.NextToken)
	}
	if strings.Join(resumed, ",") != strings.Join(want, ",") {
		t.Errorf("resumed listing %v, want %v", resumed, want)
	}

	first := list("--no-paginate", "--max-results", "2")
	if len(first.Configurations) != 2 || first.NextToken == "" {
		t.Errorf("--no-paginate: %d items, token %q; want 2 and the service's token", len(first.Configurations), first.NextToken)
	}
	rest := list("--starting-token", first.NextToken)
	if got := append(names(first), names(rest)...); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("service token as --starting-token: %v", got)
	}
}
