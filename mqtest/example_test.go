package mqtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/mqtest"
	"github.com/mqrest/mqrest/signer"
)

// call signs a request as p with the emulator's clock, sends it and returns
// the status, the error type and the body.
func call(srv *mqtest.Server, p mqtest.Principal, method, path string, body []byte) (int, string, string) {
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: p.AccessKeyID, SecretAccessKey: p.SecretAccessKey, SessionToken: p.SessionToken}, nil
	})
	s := signer.New(creds, "us-east-1", signer.WithClock(srv.Clock().Now))
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if err := s.Sign(context.Background(), req, body); err != nil {
		log.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), string(b)
}

func ExampleNewServer() {
	// In a test: srv := mqtest.NewServer(t). A program passes a nil
	// testing.TB and closes the server itself.
	clock := mqtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithClock(clock), mqtest.WithSeed(1))
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	status, _, body := call(srv, mqtest.DefaultPrincipal(), "GET", "/v1/brokers", nil)
	fmt.Println(status, body)
	// Output: 200 {"brokerSummaries":[]}
}

func ExampleServer_lifecycle() {
	clock := mqtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithClock(clock), mqtest.WithSeed(1))
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	admin := mqtest.DefaultPrincipal()

	body := []byte(`{"brokerName":"orders","deploymentMode":"SINGLE_INSTANCE","engineType":"ACTIVEMQ",
		"hostInstanceType":"mq.t3.micro","publiclyAccessible":false,
		"users":[{"username":"app","password":"correct-horse-battery"}]}`)
	_, _, out := call(srv, admin, "POST", "/v1/brokers", body)
	var created struct{ BrokerID string }
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		log.Fatal(err)
	}
	state := func() string {
		_, _, out := call(srv, admin, "GET", "/v1/brokers/"+created.BrokerID, nil)
		var d struct{ BrokerState string }
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			log.Fatal(err)
		}
		return d.BrokerState
	}
	fmt.Println(state())
	clock.Advance(mqtest.DefaultBrokerCreateDelay) // no sleeping: time is the emulator's
	fmt.Println(state())
	// Output:
	// CREATION_IN_PROGRESS
	// RUNNING
}

func Example_accessDenied() {
	alice := mqtest.Principal{
		ARN:             "arn:aws:iam::123456789012:user/alice",
		AccessKeyID:     "AKIAALICE",
		SecretAccessKey: "alice-secret",
		IdentityPolicies: []json.RawMessage{json.RawMessage(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mq:List*","Resource":"*"}]}`)},
	}
	clock := mqtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithClock(clock), mqtest.WithPrincipals(alice))
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	status, code, body := call(srv, alice, "POST", "/v1/configurations", []byte(`{"name":"c1","engineType":"RABBITMQ"}`))
	fmt.Println(status, code)
	fmt.Println(body)
	// Output:
	// 403 AccessDeniedException
	// {"message":"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateConfiguration because no identity-based policy allows the mq:CreateConfiguration action"}
}

func ExampleHandler_FailNext() {
	clock := mqtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithClock(clock))
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.FaultThrottle})
	for range 2 {
		status, code, _ := call(srv, mqtest.DefaultPrincipal(), "GET", "/v1/brokers", nil)
		fmt.Println(status, code)
	}
	// Output:
	// 429 ThrottlingException
	// 200
}
