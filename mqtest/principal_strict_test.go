package mqtest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// TestStrictPrincipalsFile: a principals file whose policy would load but
// never match is refused, naming the file, the line and column, the
// principal and the member.
func TestStrictPrincipalsFile(t *testing.T) {
	// file puts stmt as the second statement of alice's first identity
	// policy, on line 7 of the file.
	file := func(stmt string) string {
		return `{"principals": [
  {"arn": "arn:aws:iam::123456789012:user/alice",
   "accessKeyId": "AKIAALICE", "secretAccessKey": "alice-secret",
   "identityPolicies": [
    {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "mq:*", "Resource": "*"},
      ` + stmt + `
    ]}]}
]}`
	}
	tests := map[string]struct {
		file   string
		where  string // file:line:col
		member string
		msg    string
	}{
		"padded action": {file(`{"Effect": "Deny", "Action": ["mq:ListBrokers", " mq:DeleteBroker"], "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Action[1]", `action " mq:DeleteBroker" has white space around it`},
		"zero-width space in an action": {file(`{"Effect": "Deny", "Action": "mq:Delete` + "\u200b" + `Broker", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Action", `has the invisible character U+200B`},
		"unknown MQ action": {file(`{"Effect": "Deny", "Action": "mq:DestroyBroker", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Action", `action "mq:DestroyBroker" is not an Amazon MQ action`},
		"wildcard matching no MQ action": {file(`{"Effect": "Deny", "Action": "mq:Nuke*", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Action", `matches no Amazon MQ action`},
		"upper-case service": {file(`{"Effect": "Deny", "Action": "MQ:DeleteBroker", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Action", `is not "*" or "service:Action"`},
		"space inside an action": {file(`{"Effect": "Deny", "Action": "mq:Delete Broker", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Action", `has the white-space character U+0020`},
		"Principal in an identity policy": {file(`{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "mq:*", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Principal", `an identity-based policy has no Principal element`},
		"NotPrincipal in an identity policy": {file(`{"Effect": "Deny", "NotPrincipal": {"AWS": "*"}, "Action": "mq:*", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].NotPrincipal", `has no NotPrincipal element`},
		"resource that is not an ARN": {file(`{"Effect": "Deny", "Action": "mq:DeleteBroker", "Resource": "broker/b-1234"}`),
			":7:", "identityPolicies[0].Statement[1].Resource", `resource "broker/b-1234" is not "*" or an ARN`},
		"ARN with a zero-width space": {file(`{"Effect": "Deny", "Action": "mq:DeleteBroker", "Resource": ["*", "arn:aws:mq:us-east-1:123456789012:broker:` + "\u200b" + `*"]}`),
			":7:", "identityPolicies[0].Statement[1].Resource[1]", `has the invisible character U+200B`},
		"unknown statement element": {file(`{"Effect": "Deny", "Actions": "mq:*", "Resource": "*"}`),
			":7:", "identityPolicies[0].Statement[1].Actions", `unknown statement element "Actions"`},
		"principal ARN that is not an ARN": {strings.Replace(file(`{"Effect": "Allow", "Action": "mq:*", "Resource": "*"}`), "arn:aws:iam::123456789012:user/alice", "alice", 1),
			":2:", "arn", `"alice" is not an IAM or STS principal ARN`},
		"unknown principal member": {strings.Replace(file(`{"Effect": "Allow", "Action": "mq:*", "Resource": "*"}`), `"identityPolicies"`, `"identityPolicy"`, 1),
			":4:", "principals[0].identityPolicy", `unknown`},
		"unknown policy element": {strings.Replace(file(`{"Effect": "Allow", "Action": "mq:*", "Resource": "*"}`), `"Version"`, `"Versoin"`, 1),
			":5:", "identityPolicies[0].Versoin", `unknown policy element "Versoin"`},
	}
	dir := t.TempDir()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = mqtest.LoadPrincipals(f)
			if err == nil {
				t.Fatal("loaded")
			}
			msg := err.Error()
			for _, want := range []string{path + tc.where, tc.member + ": ", tc.msg} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q\nlacks %q", msg, want)
				}
			}
		})
	}

	t.Run("a strict file loads", func(t *testing.T) {
		ps, err := mqtest.LoadPrincipals(strings.NewReader(file(`{"Effect": "Deny", "Action": ["mq:Delete*", "ec2:*", "mq:rebootbroker"], "Resource": ["arn:aws:mq:*:123456789012:broker:*", "arn:aws:mq:us-east-1:*:configuration:c-*"]}`)))
		if err != nil || len(ps) != 1 {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("WithPrincipals is as strict", func(t *testing.T) {
		p := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/x", AccessKeyID: "A", SecretAccessKey: "s",
			IdentityPolicies: []json.RawMessage{deny("*", "mq:Delete\u200bBroker")}}
		if _, err := mqtest.NewHandlerE(mqtest.WithPrincipals(p)); err == nil || !strings.Contains(err.Error(), "identityPolicies[0].Statement[0].Action[0]: ") {
			t.Fatalf("err = %v", err)
		}
	})
}
