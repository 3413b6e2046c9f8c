package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if err := quickstart(ctx, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"is RUNNING", "deleted broker", "lacks mq:CreateConfiguration", "Attach this statement"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "quickstart-Passw0rd") {
		t.Error("output shows a password")
	}
}

// TestRecordedPolicyIsLeastPrivilege: the policy recorded from a run of the
// lifecycle lets a fresh principal do the whole run, and removing any one
// of its actions makes the run fail with that action denied.
func TestRecordedPolicyIsLeastPrivilege(t *testing.T) {
	rec := client.NewActionRecorder()
	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0))
	admin, err := newClient(t.Context(), srv.URL, mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, client.WithActionRecorder(rec))
	if err != nil {
		t.Fatal(err)
	}
	if err := lifecycle(t.Context(), admin, io.Discard); err != nil {
		t.Fatal(err)
	}
	policy := rec.Policy()
	actions := rec.Actions()
	if len(actions) < 12 || !slices.Contains(actions, "iam:CreateServiceLinkedRole") {
		t.Fatalf("recorded actions %v", actions)
	}
	run := func(doc *client.PolicyDocument) error {
		raw, _ := json.Marshal(doc)
		p := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/least", AccessKeyID: "AKIDLEAST",
			SecretAccessKey: "least-secret-000000000000000000000000", IdentityPolicies: []json.RawMessage{raw}}
		fresh := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithPrincipals(p))
		c, err := newClient(t.Context(), fresh.URL, p.AccessKeyID, p.SecretAccessKey)
		if err != nil {
			t.Fatal(err)
		}
		return lifecycle(t.Context(), c, io.Discard)
	}
	if err := run(policy); err != nil {
		t.Fatalf("the recorded policy does not cover the run: %v\n%s", err, policy)
	}
	for _, action := range actions {
		t.Run(action, func(t *testing.T) {
			err := run(without(policy, action))
			var ad *client.AccessDeniedError
			if !errors.As(err, &ad) || ad.Action != action {
				t.Errorf("without %s: got %v", action, err)
			}
		})
	}
}

func without(doc *client.PolicyDocument, action string) *client.PolicyDocument {
	out := &client.PolicyDocument{Version: doc.Version}
	for _, s := range doc.Statement {
		s.Action = slices.DeleteFunc(slices.Clone(s.Action), func(a string) bool { return a == action })
		if len(s.Action) > 0 {
			out.Statement = append(out.Statement, s)
		}
	}
	return out
}
