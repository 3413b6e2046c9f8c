package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/client"
)

// TestIAMExplain checks that `iam explain` prints exactly json.Marshal of
// the parsed *client.AccessDeniedError, and exits 1 on other text.
func TestIAMExplain(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inputs := []struct{ text, op string }{
		{"An error occurred (AccessDeniedException) when calling the CreateBroker operation: User: arn:aws:iam::123456789012:user/bob " +
			"is not authorized to perform: mq:CreateBroker on resource: * because no identity-based policy allows the mq:CreateBroker action", ""},
		{`{"message":"User: arn:aws:sts::123456789012:assumed-role/Dev/s is not authorized to perform: mq:DeleteBroker on resource: ` +
			`arn:aws:mq:us-east-1:123456789012:broker:orders:b-1 with an explicit deny in a service control policy"}`, ""},
		{"User is not authorized to perform this action", "describe-broker"},
	}
	for _, in := range inputs {
		args := []string{"iam", "explain"}
		if in.op != "" {
			args = append(args, "--operation", in.op)
		}
		got := c.okIn(in.text, args...)
		op := ""
		if in.op != "" {
			op = operationName(in.op)
		}
		ad, ok := client.ParseAccessDenied(in.text, op)
		if !ok {
			t.Fatalf("ParseAccessDenied(%q) is not a denial", in.text)
		}
		want, _ := json.Marshal(ad)
		if got != string(want)+"\n" {
			t.Errorf("iam explain\n got %s\nwant %s", got, want)
		}
		var keys map[string]any
		if err := json.Unmarshal([]byte(got), &keys); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"operation", "action", "candidates", "resource", "principal", "deny", "policyType",
			"policyArn", "through", "inferred", "encodedMessage", "fix"} {
			if _, ok := keys[k]; !ok {
				t.Errorf("iam explain output lacks %q", k)
			}
		}
	}
	r := c.runIn("everything is fine", "iam", "explain")
	if r.code != 255 || r.stdout != "" || !strings.Contains(r.stderr, "not an access denial") {
		t.Errorf("non-denial: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	c.expect(2, "iam", "explain", "--operation", "NoSuchOperation")
}

// TestIAMPolicy checks that `iam policy` prints client.PolicyFor as
// indented JSON, accepting API and command names.
func TestIAMPolicy(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	got := c.ok("iam", "policy", "--operations", "CreateBroker,describe-broker", "--operations", "ListBrokers",
		"--region", "eu-west-1", "--account", "123456789012")
	doc, err := client.PolicyFor([]string{"CreateBroker", "DescribeBroker", "ListBrokers"}, "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	if got != doc.String()+"\n" {
		t.Errorf("iam policy\n got %s\nwant %s", got, doc.String())
	}
	if !strings.Contains(got, "\n  \"Statement\"") {
		t.Errorf("not indented:\n%s", got)
	}
	c.expect(2, "iam", "policy", "--operations", "FlyToTheMoon")
	c.expect(2, "iam", "policy")
}
