package mqtest_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	mqclient "github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// The tests in this file use mqtest as its documentation shows, through
// exported names only: a server, its AWSConfig for the client, its clock,
// its faults and its principals.

// newUsageClient starts a frozen-clock emulator and a client for it that
// signs on the emulator's clock and retries without waiting.
func newUsageClient(t *testing.T, opts ...mqtest.Option) (*mqtest.Server, *mqclient.Client) {
	t.Helper()
	clock := mqtest.NewClock(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
	srv := mqtest.NewServer(t, append([]mqtest.Option{mqtest.WithClock(clock), mqtest.WithSeed(3)}, opts...)...)
	c, err := mqclient.NewFromConfig(srv.AWSConfig(), mqclient.WithClock(clock.Now),
		mqclient.WithRetryer(mqtest.NoBackoffRetryer(3)))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func orders() *api.CreateBrokerInput {
	return &api.CreateBrokerInput{BrokerName: "orders", EngineType: api.EngineTypeActivemq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.t3.micro",
		PubliclyAccessible: aws.Bool(false), Users: []api.User{{Username: "app", Password: "correct-horse-battery"}}}
}

// TestUsageLifecycleOnTheEmulatorsClock creates, reboots and deletes a
// broker, each wait following the emulator's clock.
func TestUsageLifecycleOnTheEmulatorsClock(t *testing.T) {
	srv, c := newUsageClient(t, mqtest.WithBrokerCreateDelay(15*time.Minute))
	ctx := t.Context()
	wait := &mqclient.WaitOptions{Sleep: srv.Clock().Sleep}
	out, err := c.CreateBroker(ctx, orders())
	if err != nil {
		t.Fatal(err)
	}
	start := srv.Clock().Now()
	b, err := c.WaitBrokerRunning(ctx, out.BrokerID, wait)
	if err != nil || b.BrokerState != api.BrokerStateRunning {
		t.Fatalf("wait running: %v, %+v", err, b)
	}
	if took := srv.Clock().Now().Sub(start); took < 15*time.Minute || took > 16*time.Minute {
		t.Errorf("the wait took %s of emulator time, want the 15-minute creation and one poll more at most", took)
	}
	if _, err := c.RebootBroker(ctx, &api.RebootBrokerInput{BrokerID: out.BrokerID}); err != nil {
		t.Fatal(err)
	}
	if b, err := c.WaitBrokerRebooted(ctx, out.BrokerID, wait); err != nil || b.BrokerState != api.BrokerStateRunning {
		t.Fatalf("wait rebooted: %v", err)
	}
	if _, err := c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: out.BrokerID}); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitBrokerDeleted(ctx, out.BrokerID, wait); err != nil {
		t.Fatalf("wait deleted: %v", err)
	}
	if _, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: out.BrokerID}); !errors.Is(err, mqclient.ErrNotFound) {
		t.Errorf("after the delete: %v, want not found", err)
	}
}

// TestUsageFaultsWithRetries injects faults the client retries, then clears
// them.
func TestUsageFaultsWithRetries(t *testing.T) {
	srv, c := newUsageClient(t)
	ctx := t.Context()
	srv.FailNext("ListBrokers", 2, mqtest.Fault{Kind: mqtest.Fault503})
	if _, err := c.ListBrokers(ctx, nil); err != nil {
		t.Fatalf("two 503s and a success within 3 attempts: %v", err)
	}
	srv.FailNext("ListBrokers", 3, mqtest.Fault{Kind: mqtest.Fault500})
	_, err := c.ListBrokers(ctx, nil)
	var ae *mqclient.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.Attempts != 3 {
		t.Fatalf("three 500s: %v, want an APIError after 3 attempts", err)
	}
	srv.SetFaultRate(1)
	srv.ClearFaults()
	if _, err := c.ListBrokers(ctx, nil); err != nil {
		t.Fatalf("after ClearFaults: %v", err)
	}
}

// TestUsageAccessDenied calls as a principal that may only list brokers.
func TestUsageAccessDenied(t *testing.T) {
	policy, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{
		map[string]any{"Effect": "Allow", "Action": "mq:ListBrokers", "Resource": "*"}}})
	reader := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/reader", AccessKeyID: "AKIAREADER",
		SecretAccessKey: "reader-secret", IdentityPolicies: []json.RawMessage{policy}}
	srv, _ := newUsageClient(t, mqtest.WithPrincipals(mqtest.DefaultPrincipal(), reader))
	c, err := mqclient.NewFromConfig(srv.AWSConfigFor(reader.AccessKeyID, reader.SecretAccessKey),
		mqclient.WithClock(srv.Clock().Now))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListBrokers(t.Context(), nil); err != nil {
		t.Fatalf("the allowed call: %v", err)
	}
	_, err = c.CreateBroker(t.Context(), orders())
	var denied *mqclient.AccessDeniedError
	if !errors.As(err, &denied) || denied.Action != "mq:CreateBroker" || denied.Principal != reader.ARN {
		t.Fatalf("got %v, want mq:CreateBroker denied to the reader", err)
	}
	if fix := denied.Fix().String(); fix == "" {
		t.Error("no fix")
	}
}
