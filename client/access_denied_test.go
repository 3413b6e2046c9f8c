package client_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/mqtest"
)

const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func allowAllBut(action string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":%q,"Resource":"*"}]}`, action)
}

func policyWithARN(arn, doc string) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"arn":%q,"document":%s}`, arn, doc))
}

// TestEveryOperationMapsItsMissingAction: for each of the 24 operations and
// each policy layer, a principal lacking exactly that operation's action
// gets a denial that the client maps to that action.
func TestEveryOperationMapsItsMissingAction(t *testing.T) {
	layers := map[string]struct {
		make       func(action string) mqtest.Principal
		deny       client.DenyKind
		policyType iam.PolicyType
		policyARN  string
		fixKind    client.FixKind
	}{
		"identity implicit": {func(a string) mqtest.Principal { return principal("implicit", allowAllBut(a)) },
			client.DenyImplicit, "identity-based policy", "", client.FixAllow},
		"identity explicit": {func(a string) mqtest.Principal {
			p := principal("explicit", allowAll)
			p.IdentityPolicies = append(p.IdentityPolicies, policyWithARN("arn:aws:iam::123456789012:policy/NoMQ",
				fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":%q,"Resource":"*"}]}`, a)))
			return p
		}, client.DenyExplicit, "identity-based policy", "arn:aws:iam::123456789012:policy/NoMQ", client.FixChangeLayer},
		"permissions boundary": {func(a string) mqtest.Principal {
			p := principal("bounded", allowAll)
			p.PermissionsBoundary = json.RawMessage(allowAllBut(a))
			return p
		}, client.DenyImplicit, "permissions boundary", "", client.FixChangeLayer},
		"service control policy": {func(a string) mqtest.Principal {
			p := principal("scp", allowAll)
			p.ServiceControlPolicies = []json.RawMessage{policyWithARN("arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-1", allowAllBut(a))}
			return p
		}, client.DenyImplicit, "service control policy", "", client.FixChangeLayer},
	}
	inputs := validInputs()
	for layerName, layer := range layers {
		t.Run(layerName, func(t *testing.T) {
			srv := newEmulator(t)
			for _, op := range api.Operations {
				action := op.Actions[0].Name
				if err := srv.SetPrincipal(layer.make(action)); err != nil {
					t.Fatal(err)
				}
				p := layer.make(action)
				c := clientFor(t, srv, p)
				_, err := invoke(t.Context(), c, op.Name, inputs[op.Name])
				var ad *client.AccessDeniedError
				if !errors.As(err, &ad) {
					t.Errorf("%s: got %v", op.Name, err)
					continue
				}
				if ad.Action != action || ad.Deny != layer.deny || ad.PolicyType != layer.policyType ||
					ad.Operation != op.Name || ad.Principal != p.ARN || ad.Inferred || ad.RequestID == "" {
					t.Errorf("%s: got %+v", op.Name, ad)
				}
				if layer.policyARN != "" && ad.PolicyARN != layer.policyARN {
					t.Errorf("%s: policy ARN %q", op.Name, ad.PolicyARN)
				}
				if ad.Resource == "" {
					t.Errorf("%s: no resource", op.Name)
				}
				if fix := ad.Fix(); fix.Kind != layer.fixKind {
					t.Errorf("%s: fix %+v", op.Name, fix)
				}
				if !strings.Contains(ad.Error(), action) || !strings.Contains(ad.Error(), p.ARN) {
					t.Errorf("%s: Error() = %s", op.Name, ad.Error())
				}
			}
		})
	}
}

func TestCreateBrokerWithTagsNeedsCreateTags(t *testing.T) {
	srv := newEmulator(t, principal("notagger", allowAllBut("mq:CreateTags")))
	c := clientFor(t, srv, principal("notagger"))
	in := validInputs()["CreateBroker"].(*api.CreateBrokerInput)
	in.Tags = map[string]string{"env": "prod"}
	_, err := c.CreateBroker(t.Context(), in)
	var ad *client.AccessDeniedError
	if !errors.As(err, &ad) || ad.Action != "mq:CreateTags" || ad.Operation != "CreateBroker" {
		t.Fatalf("got %v", err)
	}
	in.Tags = nil
	if _, err := c.CreateBroker(t.Context(), in); err != nil {
		t.Fatalf("without tags: %v", err)
	}
}

// TestFixClosesTheLoop: a principal with no permissions at all runs a
// lifecycle; each denial's Fix() policy is attached and the call retried.
// Every call must end in success, each after a bounded number of fixes.
func TestFixClosesTheLoop(t *testing.T) {
	nobody := principal("nobody")
	srv := newEmulator(t, nobody)
	c := clientFor(t, srv, nobody)
	granted := 0
	call := func(op string, in any) any {
		t.Helper()
		for tries := 0; ; tries++ {
			out, err := invoke(t.Context(), c, op, in)
			var ad *client.AccessDeniedError
			if !errors.As(err, &ad) {
				if err != nil {
					t.Fatalf("%s: %v", op, err)
				}
				return out
			}
			fix := ad.Fix()
			if fix.Kind != client.FixAllow || tries > 3 {
				t.Fatalf("%s: cannot fix %v (%+v)", op, ad, fix)
			}
			doc, _ := json.Marshal(fix.Policy)
			nobody.IdentityPolicies = append(nobody.IdentityPolicies, doc)
			if err := srv.SetPrincipal(nobody); err != nil {
				t.Fatal(err)
			}
			granted++
		}
	}
	cfg := call("CreateConfiguration", &api.CreateConfigurationInput{Name: "loop", EngineType: api.EngineTypeActivemq,
		Tags: map[string]string{"k": "v"}}).(*api.CreateConfigurationOutput)
	b := call("CreateBroker", &api.CreateBrokerInput{BrokerName: "loop", DeploymentMode: api.DeploymentModeSingleInstance,
		EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(true),
		SubnetIDs: []string{"subnet-1"}, Configuration: &api.ConfigurationID{ID: cfg.ID, Revision: 1},
		Users: []api.User{{Username: "admin", Password: "loop-Passw0rd-1"}}, Tags: map[string]string{"env": "dev"}}).(*api.CreateBrokerOutput)
	call("DescribeBroker", &api.DescribeBrokerInput{BrokerID: b.BrokerID})
	call("CreateUser", &api.CreateUserInput{BrokerID: b.BrokerID, Username: "user2", Password: "loop-Passw0rd-2"})
	call("ListUsers", &api.ListUsersInput{BrokerID: b.BrokerID})
	call("CreateTags", &api.CreateTagsInput{ResourceARN: b.BrokerARN, Tags: map[string]string{"x": "y"}})
	call("ListTags", &api.ListTagsInput{ResourceARN: b.BrokerARN})
	call("UpdateBroker", &api.UpdateBrokerInput{BrokerID: b.BrokerID, AuthenticationStrategy: api.AuthenticationStrategySimple})
	call("RebootBroker", &api.RebootBrokerInput{BrokerID: b.BrokerID})
	call("ListBrokers", &api.ListBrokersInput{})
	if granted < 10 {
		t.Errorf("only %d fixes were needed; the principal was not denied as expected", granted)
	}
}
