package client_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// faultFixture is what the per-operation fault test acts on.
type faultFixture struct{ brokerID, brokerARN, configID, rabbitID string }

// newFaultFixture creates a configuration and a running ActiveMQ broker
// with one user on srv, and a RabbitMQ broker for the operations of
// RabbitMQ only (DescribeSharedResources).
func newFaultFixture(t *testing.T, c *client.Client) faultFixture {
	t.Helper()
	cfg, err := c.CreateConfiguration(t.Context(), &api.CreateConfigurationInput{Name: "cfg", EngineType: api.EngineTypeActivemq})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.CreateBroker(t.Context(), &api.CreateBrokerInput{BrokerName: "b", EngineType: api.EngineTypeActivemq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false),
		Users: []api.User{{Username: "user1", Password: "fixture-Passw0rd"}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.CreateBroker(t.Context(), &api.CreateBrokerInput{BrokerName: "r", EngineType: api.EngineTypeRabbitmq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.m5.large", PubliclyAccessible: aws.Bool(false),
		Users: []api.User{{Username: "user1", Password: "fixture-Passw0rd"}}})
	if err != nil {
		t.Fatal(err)
	}
	return faultFixture{brokerID: b.BrokerID, brokerARN: b.BrokerARN, configID: cfg.ID, rabbitID: r.BrokerID}
}

// inputs returns a valid input of every operation on the fixture.
func (f faultFixture) inputs() map[string]any {
	in := validInputs()
	in["CreateTags"] = &api.CreateTagsInput{ResourceARN: f.brokerARN, Tags: map[string]string{"a": "b"}}
	in["CreateUser"] = &api.CreateUserInput{BrokerID: f.brokerID, Username: "user2", Password: "fixture-Passw0rd"}
	in["DeleteBroker"] = &api.DeleteBrokerInput{BrokerID: f.brokerID}
	in["DeleteConfiguration"] = &api.DeleteConfigurationInput{ConfigurationID: f.configID}
	in["DeleteTags"] = &api.DeleteTagsInput{ResourceARN: f.brokerARN, TagKeys: []string{"a"}}
	in["DeleteUser"] = &api.DeleteUserInput{BrokerID: f.brokerID, Username: "user1"}
	in["DescribeBroker"] = &api.DescribeBrokerInput{BrokerID: f.brokerID}
	in["DescribeConfiguration"] = &api.DescribeConfigurationInput{ConfigurationID: f.configID}
	in["DescribeConfigurationRevision"] = &api.DescribeConfigurationRevisionInput{ConfigurationID: f.configID, ConfigurationRevision: "1"}
	in["DescribeSharedResources"] = &api.DescribeSharedResourcesInput{BrokerID: f.rabbitID}
	in["DescribeUser"] = &api.DescribeUserInput{BrokerID: f.brokerID, Username: "user1"}
	in["ListConfigurationRevisions"] = &api.ListConfigurationRevisionsInput{ConfigurationID: f.configID}
	in["ListTags"] = &api.ListTagsInput{ResourceARN: f.brokerARN}
	in["ListUsers"] = &api.ListUsersInput{BrokerID: f.brokerID}
	in["Promote"] = &api.PromoteInput{BrokerID: f.brokerID, Mode: api.PromoteModeSwitchover}
	in["RebootBroker"] = &api.RebootBrokerInput{BrokerID: f.brokerID}
	in["UpdateBroker"] = &api.UpdateBrokerInput{BrokerID: f.brokerID, HostInstanceType: "mq.m5.large"}
	in["UpdateConfiguration"] = &api.UpdateConfigurationInput{ConfigurationID: f.configID, Data: soakXML}
	in["UpdateUser"] = &api.UpdateUserInput{BrokerID: f.brokerID, Username: "user1", ConsoleAccess: aws.Bool(true)}
	return in
}

// TestEveryOperationUnderEachFault injects one fault into one call of each
// operation and checks the retry rule from the server's side: a safe
// operation is repeated after any failure and succeeds; an operation that
// is only retried when unprocessed is repeated after throttling only, and
// otherwise fails with a client error after exactly one request.
func TestEveryOperationUnderEachFault(t *testing.T) {
	faults := []mqtest.Fault{
		{Kind: mqtest.Fault500}, {Kind: mqtest.Fault503}, {Kind: mqtest.FaultThrottle}, {Kind: mqtest.FaultReset},
		{Kind: mqtest.FaultResetAfter}, {Kind: mqtest.FaultTruncate}, {Kind: mqtest.FaultLatency, Latency: time.Millisecond},
	}
	for _, op := range api.Operations {
		for _, f := range faults {
			t.Run(op.Name+"/"+f.Kind.String(), func(t *testing.T) {
				srv := newEmulator(t)
				c := clientFor(t, srv, mqtest.DefaultPrincipal())
				in := newFaultFixture(t, c).inputs()[op.Name]
				srv.ResetRequests()
				srv.FailNext(op.Name, 1, f)
				_, err := invoke(t.Context(), c, op.Name, in)

				wantRequests, wantOK := 2, true
				switch {
				case f.Kind == mqtest.FaultLatency:
					wantRequests = 1
				case op.Retry == api.RetryUnprocessed && f.Kind != mqtest.FaultThrottle:
					wantRequests, wantOK = 1, false
				}
				if n := len(srv.Requests()); n != wantRequests {
					t.Errorf("%d requests, want %d (err %v)", n, wantRequests, err)
				}
				processedTwice := f.Kind == mqtest.FaultResetAfter || f.Kind == mqtest.FaultTruncate
				switch {
				case err != nil && classifyError(err) == "":
					t.Errorf("error of no client type: %T %v", err, err)
				case op.Name == "Promote":
					// The fixture is no replica: Promote fails whatever the fault.
				case wantOK && err != nil && !(processedTwice && errors.Is(err, client.ErrNotFound)):
					t.Errorf("err = %v, want success after the retry", err)
				case !wantOK && err == nil:
					t.Error("succeeded although the fault was not retried")
				}
			})
		}
	}
}
