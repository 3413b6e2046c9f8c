package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/internal/secretscan"
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

// TestQuickstartLogsNoSecrets runs the lifecycle with session-token
// credentials while the client and the emulator log at debug level, and
// finds neither the secret key, the session token, a request signature nor
// a password in the logs or the program's output.
func TestQuickstartLogsNoSecrets(t *testing.T) {
	p := mqtest.DefaultPrincipal()
	p.SessionToken = "quickstart-session-token-IQoJb3JpZ2luX2VjEXAMPLE"
	var logs, out secretscan.Buffer
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithPrincipals(p),
		mqtest.WithLogger(slog.New(slog.NewJSONHandler(&logs, debug))))
	sigs := &secretscan.Signatures{}
	c, err := newClient(t.Context(), srv.URL, p.AccessKeyID, p.SecretAccessKey,
		client.WithCredentials(credentials.NewStaticCredentialsProvider(p.AccessKeyID, p.SecretAccessKey, p.SessionToken)),
		client.WithLogger(slog.New(slog.NewTextHandler(&logs, debug))),
		client.WithHTTPClient(&http.Client{Transport: sigs}))
	if err != nil {
		t.Fatal(err)
	}
	if err := lifecycle(t.Context(), c, &out); err != nil {
		t.Fatal(err)
	}
	seen := sigs.All()
	if !strings.Contains(logs.String(), "level=DEBUG") || !strings.Contains(logs.String(), "mqtest request") || len(seen) < 10 {
		t.Fatalf("too little captured: %d signatures, logs:\n%s", len(seen), logs.String())
	}
	secrets := append([]string{p.SecretAccessKey, p.SessionToken, "quickstart-Passw0rd", "app-user-Passw0rd"}, seen...)
	for name, text := range map[string]string{"log": logs.String(), "output": out.String()} {
		for _, s := range secretscan.Find(text, secrets...) {
			t.Errorf("the %s shows the secret %q", name, s)
		}
	}
}
