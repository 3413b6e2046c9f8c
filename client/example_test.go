package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/tracing"

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

// printTracer is a tracing.TracerProvider that prints each span as it
// ends; a real program adapts OpenTelemetry's with smithyoteltracing.Adapt.
type printTracer struct{}

type printSpan struct {
	tracing.Span // no-op for the methods the example does not print
	name         string
	props        smithy.Properties
}

func (printTracer) Tracer(string, ...tracing.TracerOption) tracing.Tracer { return printTracer{} }

func (printTracer) StartSpan(ctx context.Context, name string, opts ...tracing.SpanOption) (context.Context, tracing.Span) {
	var o tracing.SpanOptions
	for _, fn := range opts {
		fn(&o)
	}
	_, nop := tracing.NopTracerProvider{}.Tracer("").StartSpan(ctx, name)
	s := &printSpan{Span: nop, name: name, props: o.Properties}
	return tracing.WithSpan(ctx, s), s
}

func (s *printSpan) SetProperty(k, v any) { s.props.Set(k, v) }

func (s *printSpan) End() {
	if s.name == "Attempt" {
		fmt.Println(s.name, s.props.Get("operation.attempt"), "status", s.props.Get("http.status_code"))
		return
	}
	fmt.Println(s.name, s.props.Get("rpc.system"), s.props.Get("rpc.service"), s.props.Get("rpc.method"), "error", s.props.Get("error"))
}

// ExampleWithTracerProvider traces every call of a client: a span per call
// and one per attempt, named and annotated as the official SDK's, through
// smithy-go's tracing interfaces. Here the provider is set for one call
// (WithCallTracerProvider); WithTracerProvider sets it for all.
func ExampleWithTracerProvider() {
	srv := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	c, err := client.New(ctx, client.WithRegion("us-east-1"), client.WithEndpoint(srv.URL),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, "")))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.ListBrokers(ctx, &api.ListBrokersInput{}, client.WithCallTracerProvider(printTracer{})); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Attempt 1 status 200
	// mq.ListBrokers aws-api mq ListBrokers error false
}
