package client_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// newEmulator starts mqtest with instant broker transitions, the default
// admin and any extra principals.
func newEmulator(t testing.TB, extra ...mqtest.Principal) *mqtest.Server {
	t.Helper()
	ps := append([]mqtest.Principal{mqtest.DefaultPrincipal()}, extra...)
	return mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithSeed(7), mqtest.WithPrincipals(ps...))
}

// clientFor returns a client signing as p against srv.
func clientFor(t testing.TB, srv *mqtest.Server, p mqtest.Principal, opts ...client.Option) *client.Client {
	t.Helper()
	base := []client.Option{client.WithRegion(mqtest.DefaultRegion), client.WithEndpoint(srv.URL),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(p.AccessKeyID, p.SecretAccessKey, p.SessionToken)),
		client.WithRetryer(fastRetryer(3))}
	c, err := client.New(context.Background(), append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// principal returns a principal with the given identity policies.
func principal(name string, policies ...string) mqtest.Principal {
	p := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/" + name, AccessKeyID: "AKID" + name,
		SecretAccessKey: "secret-of-" + name + "-0000000000000000000000"}
	for _, doc := range policies {
		p.IdentityPolicies = append(p.IdentityPolicies, json.RawMessage(doc))
	}
	return p
}

// validInputs has a valid input for every operation, referring to fixture
// resources that do not exist: authorization comes before existence.
func validInputs() map[string]any {
	const brokerARN = "arn:aws:mq:us-east-1:123456789012:broker:fixture:b-00000000-0000-0000-0000-000000000001"
	return map[string]any{
		"CreateBroker": &api.CreateBrokerInput{BrokerName: "denied-broker", DeploymentMode: api.DeploymentModeSingleInstance,
			EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false),
			Users: []api.User{{Username: "admin", Password: "fixture-Passw0rd"}}},
		"CreateConfiguration":           &api.CreateConfigurationInput{Name: "cfg", EngineType: api.EngineTypeActivemq},
		"CreateTags":                    &api.CreateTagsInput{ResourceARN: brokerARN, Tags: map[string]string{"a": "b"}},
		"CreateUser":                    &api.CreateUserInput{BrokerID: "b-1", Username: "user1", Password: "fixture-Passw0rd"},
		"DeleteBroker":                  &api.DeleteBrokerInput{BrokerID: "b-1"},
		"DeleteConfiguration":           &api.DeleteConfigurationInput{ConfigurationID: "c-1"},
		"DeleteTags":                    &api.DeleteTagsInput{ResourceARN: brokerARN, TagKeys: []string{"a"}},
		"DeleteUser":                    &api.DeleteUserInput{BrokerID: "b-1", Username: "user1"},
		"DescribeBroker":                &api.DescribeBrokerInput{BrokerID: "b-1"},
		"DescribeBrokerEngineTypes":     &api.DescribeBrokerEngineTypesInput{},
		"DescribeBrokerInstanceOptions": &api.DescribeBrokerInstanceOptionsInput{},
		"DescribeConfiguration":         &api.DescribeConfigurationInput{ConfigurationID: "c-1"},
		"DescribeConfigurationRevision": &api.DescribeConfigurationRevisionInput{ConfigurationID: "c-1", ConfigurationRevision: "1"},
		"DescribeSharedResources":       &api.DescribeSharedResourcesInput{BrokerID: "b-1"},
		"DescribeUser":                  &api.DescribeUserInput{BrokerID: "b-1", Username: "user1"},
		"ListBrokers":                   &api.ListBrokersInput{},
		"ListConfigurationRevisions":    &api.ListConfigurationRevisionsInput{ConfigurationID: "c-1"},
		"ListConfigurations":            &api.ListConfigurationsInput{},
		"ListTags":                      &api.ListTagsInput{ResourceARN: brokerARN},
		"ListUsers":                     &api.ListUsersInput{BrokerID: "b-1"},
		"Promote":                       &api.PromoteInput{BrokerID: "b-1", Mode: api.PromoteModeSwitchover},
		"RebootBroker":                  &api.RebootBrokerInput{BrokerID: "b-1"},
		"UpdateBroker":                  &api.UpdateBrokerInput{BrokerID: "b-1", HostInstanceType: "mq.m5.large"},
		"UpdateConfiguration":           &api.UpdateConfigurationInput{ConfigurationID: "c-1", Data: "PGJyb2tlci8+"},
		"UpdateUser":                    &api.UpdateUserInput{BrokerID: "b-1", Username: "user1", ConsoleAccess: aws.Bool(true)},
	}
}

// invoke calls the client method named op with in.
func invoke(ctx context.Context, c *client.Client, op string, in any) (any, error) {
	res := reflect.ValueOf(c).MethodByName(op).Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(in)})
	if res[1].IsNil() {
		return res[0].Interface(), nil
	}
	return nil, res[1].Interface().(error)
}
