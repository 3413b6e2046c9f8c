package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// startEmulator starts an emulator for an example; the caller closes it.
func startEmulator(opts ...mqtest.Option) *mqtest.Server {
	srv := mqtest.NewUnstartedServer(nil, append([]mqtest.Option{mqtest.WithBrokerCreateDelay(0), mqtest.WithSeed(1)}, opts...)...)
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	return srv
}

func ExampleNew() {
	srv := startEmulator()
	defer srv.Close()

	c, err := client.New(context.Background(),
		client.WithRegion("us-east-1"),
		client.WithEndpoint(srv.URL), // omit to use https://mq.us-east-1.amazonaws.com
		client.WithCredentials(credentials.NewStaticCredentialsProvider(mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, "")),
	)
	if err != nil {
		log.Fatal(err)
	}
	out, err := c.ListBrokers(context.Background(), &api.ListBrokersInput{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("region:", c.Region())
	fmt.Println("brokers:", len(out.BrokerSummaries))
	// Output:
	// region: us-east-1
	// brokers: 0
}

func ExampleClient_Invoke() {
	srv := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	c, _ := client.New(ctx, client.WithRegion("us-east-1"), client.WithEndpoint(srv.URL),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, "")))

	// The operation is picked by name, as a command line or a generic tool
	// would; the input is a pointer to the operation's input type.
	op := api.Lookup("CreateConfiguration")
	out, err := c.Invoke(ctx, op, &api.CreateConfigurationInput{Name: "shared", EngineType: api.EngineTypeRabbitmq})
	if err != nil {
		log.Fatal(err)
	}
	created := out.(*api.CreateConfigurationOutput)
	fmt.Println(op.Method, op.Path, "->", created.Name, created.LatestRevision.Revision)

	_, err = c.Invoke(ctx, op, &api.ListBrokersInput{})
	fmt.Println(errors.Is(err, api.ErrWrongInput))
	// Output:
	// POST /v1/configurations -> shared 1
	// true
}

func ExampleClient_CreateBroker() {
	srv := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	c, _ := client.New(ctx, client.WithRegion("us-east-1"), client.WithEndpoint(srv.URL),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, "")))

	created, err := c.CreateBroker(ctx, &api.CreateBrokerInput{
		BrokerName:         "orders",
		EngineType:         api.EngineTypeActivemq,
		DeploymentMode:     api.DeploymentModeActiveStandbyMultiAz,
		HostInstanceType:   "mq.m5.large",
		PubliclyAccessible: aws.Bool(false),
		Users:              []api.User{{Username: "admin", Password: "example-Passw0rd"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	b, err := c.WaitBrokerRunning(ctx, created.BrokerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.BrokerName, b.BrokerState, b.DeploymentMode, len(b.BrokerInstances), "instances")
	// Output:
	// orders RUNNING ACTIVE_STANDBY_MULTI_AZ 2 instances
}

func ExampleClient_ListBrokersAll() {
	srv := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	c, _ := client.New(ctx, client.WithRegion("us-east-1"), client.WithEndpoint(srv.URL),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, "")))
	for _, name := range []string{"alpha", "bravo", "charlie"} {
		if _, err := c.CreateBroker(ctx, &api.CreateBrokerInput{BrokerName: name, EngineType: api.EngineTypeRabbitmq,
			DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.m5.large", PubliclyAccessible: aws.Bool(true),
			Users: []api.User{{Username: "admin", Password: "example-Passw0rd"}}}); err != nil {
			log.Fatal(err)
		}
	}
	// Pages of one broker each: the iterator fetches the next page only
	// when the loop needs it.
	for b, err := range c.ListBrokersAll(ctx, &api.ListBrokersInput{MaxResults: 1}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(b.BrokerName, b.EngineType)
	}
	// Unordered output:
	// alpha RABBITMQ
	// bravo RABBITMQ
	// charlie RABBITMQ
}

func ExampleAccessDeniedError() {
	auditor := mqtest.Principal{
		ARN:         "arn:aws:iam::123456789012:user/auditor",
		AccessKeyID: "AKIDAUDITOR", SecretAccessKey: "auditor-secret-0000000000000000000000",
		IdentityPolicies: []json.RawMessage{json.RawMessage(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["mq:Describe*","mq:List*"],"Resource":"*"}]}`)},
	}
	srv := startEmulator(mqtest.WithPrincipals(mqtest.DefaultPrincipal(), auditor))
	defer srv.Close()
	ctx := context.Background()
	c, _ := client.New(ctx, client.WithRegion("us-east-1"), client.WithEndpoint(srv.URL),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(auditor.AccessKeyID, auditor.SecretAccessKey, "")))

	_, err := c.RebootBroker(ctx, &api.RebootBrokerInput{BrokerID: "b-1234"})
	var denied *client.AccessDeniedError
	if errors.As(err, &denied) {
		fmt.Println("missing:", denied.Action)
		fmt.Println("resource:", denied.Resource)
		fmt.Println("deny:", denied.Deny, "by", denied.PolicyType)
		fix := denied.Fix()
		fmt.Println("fix:", fix.Policy.Statement[0].Effect, fix.Policy.Statement[0].Action, fix.Policy.Statement[0].Resource)
	}
	// Output:
	// missing: mq:RebootBroker
	// resource: arn:aws:mq:us-east-1:123456789012:broker:*:b-1234
	// deny: implicit by identity-based policy
	// fix: Allow [mq:RebootBroker] [arn:aws:mq:us-east-1:123456789012:broker:*:b-1234]
}
