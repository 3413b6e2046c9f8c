package mqtest_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	mqclient "github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/mqtest"
)

// mallory is a principal of account 999999999999 allowed everything by
// its own policies.
func mallory(extra ...json.RawMessage) mqtest.Principal {
	return mqtest.Principal{ARN: "arn:aws:iam::999999999999:user/mallory", AccessKeyID: "AKIAMALLORY",
		SecretAccessKey:  "mallory-secret",
		IdentityPolicies: append([]json.RawMessage{allow("*", "mq:*", "ec2:*", "iam:*")}, extra...)}
}

// TestCrossAccountDenied: a principal of another account, allowed mq:* by
// its own policies, sees none of 123456789012's resources and can change
// none of them, through every operation and resource kind.
func TestCrossAccountDenied(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithPrincipals(mqtest.DefaultPrincipal(), mallory()))
	c := admin(t, srv)
	var amq, rmq api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", brokerBody("amq")).decode(t, &amq)
	rb := brokerBody("rmq")
	rb["engineType"], rb["hostInstanceType"] = "RABBITMQ", "mq.m7g.large"
	c.must(200, "POST", "/v1/brokers", rb).decode(t, &rmq)
	var cfg api.CreateConfigurationOutput
	c.must(200, "POST", "/v1/configurations", map[string]any{"name": "c", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
	c.must(204, "POST", "/v1/tags/"+url.PathEscape(amq.BrokerARN), map[string]any{"tags": map[string]string{"owner": "admin"}})

	m := client(t, srv, mallory())
	b, u, cf := "/v1/brokers/"+amq.BrokerID, "/v1/brokers/"+amq.BrokerID+"/users/admin", "/v1/configurations/"+cfg.ID
	denied := func(action, arn string) string {
		return "User: arn:aws:iam::999999999999:user/mallory is not authorized to perform: " + action +
			" on resource: " + arn + " because no resource-based policy allows the " + action + " action"
	}
	replica := brokerBody("replica")
	replica["dataReplicationMode"], replica["dataReplicationPrimaryBrokerArn"] = "CRDR", amq.BrokerARN
	tests := map[string]errorCase{
		"DescribeBroker":                {method: "GET", path: b, status: 404, code: "NotFoundException", attr: "broker-id", msg: amq.BrokerID},
		"UpdateBroker":                  {method: "PUT", path: b, body: map[string]any{"autoMinorVersionUpgrade": true}, status: 404, code: "NotFoundException", attr: "broker-id"},
		"DeleteBroker":                  {method: "DELETE", path: b, status: 404, code: "NotFoundException", attr: "broker-id"},
		"RebootBroker":                  {method: "POST", path: b + "/reboot", status: 404, code: "NotFoundException", attr: "broker-id"},
		"Promote":                       {method: "POST", path: b + "/promote", body: map[string]any{"mode": "SWITCHOVER"}, status: 404, code: "NotFoundException", attr: "broker-id"},
		"DescribeSharedResources":       {method: "GET", path: "/v1/brokers/" + rmq.BrokerID + "/shared-resources", status: 404, code: "NotFoundException", attr: "broker-id"},
		"ListUsers":                     {method: "GET", path: b + "/users", status: 404, code: "NotFoundException", attr: "broker-id"},
		"DescribeUser":                  {method: "GET", path: u, status: 404, code: "NotFoundException", attr: "broker-id"},
		"CreateUser":                    {method: "POST", path: b + "/users/eve", body: map[string]any{"password": "userpassword123"}, status: 404, code: "NotFoundException", attr: "broker-id"},
		"UpdateUser":                    {method: "PUT", path: u, body: map[string]any{"consoleAccess": true}, status: 404, code: "NotFoundException", attr: "broker-id"},
		"DeleteUser":                    {method: "DELETE", path: u, status: 404, code: "NotFoundException", attr: "broker-id"},
		"DescribeConfiguration":         {method: "GET", path: cf, status: 404, code: "NotFoundException", attr: "configuration-id", msg: cfg.ID},
		"UpdateConfiguration":           {method: "PUT", path: cf, body: map[string]any{"data": "PGEvPg=="}, status: 404, code: "NotFoundException", attr: "configuration-id"},
		"ListConfigurationRevisions":    {method: "GET", path: cf + "/revisions", status: 404, code: "NotFoundException", attr: "configuration-id"},
		"DescribeConfigurationRevision": {method: "GET", path: cf + "/revisions/1", status: 404, code: "NotFoundException", attr: "configuration-id"},
		"DeleteConfiguration":           {method: "DELETE", path: cf, status: 404, code: "NotFoundException", attr: "configuration-id"},
		"CreateBroker with their configuration": {method: "POST", path: "/v1/brokers", body: func() any {
			x := brokerBody("x")
			x["configuration"] = map[string]any{"id": cfg.ID}
			return x
		}(), status: 404, code: "NotFoundException", attr: "configuration-id"},
		"ListTags of their broker":          {method: "GET", path: "/v1/tags/" + url.PathEscape(amq.BrokerARN), status: 403, code: "AccessDeniedException", msg: denied("mq:ListTags", amq.BrokerARN)},
		"CreateTags on their broker":        {method: "POST", path: "/v1/tags/" + url.PathEscape(amq.BrokerARN), body: map[string]any{"tags": map[string]string{"owner": "mallory"}}, status: 403, code: "AccessDeniedException", msg: denied("mq:CreateTags", amq.BrokerARN)},
		"DeleteTags of their broker":        {method: "DELETE", path: "/v1/tags/" + url.PathEscape(amq.BrokerARN) + "?tagKeys=owner", status: 403, code: "AccessDeniedException", msg: denied("mq:DeleteTags", amq.BrokerARN)},
		"ListTags of their configuration":   {method: "GET", path: "/v1/tags/" + url.PathEscape(cfg.ARN), status: 403, code: "AccessDeniedException", msg: denied("mq:ListTags", cfg.ARN)},
		"replica of their broker":           {method: "POST", path: "/v1/brokers", body: replica, status: 403, code: "AccessDeniedException", msg: "because no resource-based policy allows"},
		"ListTags of an unknown broker ARN": {method: "GET", path: "/v1/tags/" + url.PathEscape(strings.Replace(amq.BrokerARN, amq.BrokerID, "b-00000000-0000-4000-8000-000000000000", 1)), status: 403, code: "AccessDeniedException", msg: "because no resource-based policy allows the mq:ListTags action"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { tc.check(t, m) })
	}

	t.Run("listings show none of their resources", func(t *testing.T) {
		var bs api.ListBrokersOutput
		m.must(200, "GET", "/v1/brokers", nil).decode(t, &bs)
		var cs api.ListConfigurationsOutput
		m.must(200, "GET", "/v1/configurations", nil).decode(t, &cs)
		if len(bs.BrokerSummaries) != 0 || len(cs.Configurations) != 0 {
			t.Fatalf("mallory lists %+v and %+v", bs.BrokerSummaries, cs.Configurations)
		}
	})
	t.Run("an explicit deny of their own still reads as one", func(t *testing.T) {
		p := mallory(deny("*", "mq:ListTags"))
		if err := srv.SetPrincipal(p); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = srv.SetPrincipal(mallory()) }()
		wantError(t, client(t, srv, p).send("GET", "/v1/tags/"+url.PathEscape(amq.BrokerARN), nil), 403, "AccessDeniedException", "",
			"on resource: "+amq.BrokerARN+" with an explicit deny in an identity-based policy")
	})
	t.Run("their own account is theirs", func(t *testing.T) {
		var own api.CreateBrokerOutput
		m.must(200, "POST", "/v1/brokers", brokerBody("amq")).decode(t, &own) // the same name, another account
		if !strings.HasPrefix(own.BrokerARN, "arn:aws:mq:us-east-1:999999999999:broker:amq:") {
			t.Fatalf("mallory's broker ARN %s", own.BrokerARN)
		}
		m.must(200, "GET", "/v1/brokers/"+own.BrokerID, nil)
		m.must(204, "POST", "/v1/tags/"+url.PathEscape(own.BrokerARN), map[string]any{"tags": map[string]string{"owner": "mallory"}})
		wantError(t, c.send("GET", "/v1/brokers/"+own.BrokerID, nil), 404, "NotFoundException", "broker-id", own.BrokerID)
		var bs api.ListBrokersOutput
		m.must(200, "GET", "/v1/brokers", nil).decode(t, &bs)
		if len(bs.BrokerSummaries) != 1 || bs.BrokerSummaries[0].BrokerID != own.BrokerID {
			t.Fatalf("mallory lists %+v", bs.BrokerSummaries)
		}
		c.must(200, "GET", "/v1/brokers", nil).decode(t, &bs)
		if len(bs.BrokerSummaries) != 2 {
			t.Fatalf("admin lists %d brokers, want its 2", len(bs.BrokerSummaries))
		}
	})

	t.Run("names are unique per account", func(t *testing.T) {
		var own api.ListBrokersOutput
		m.must(200, "GET", "/v1/brokers", nil).decode(t, &own)
		m.must(200, "DELETE", "/v1/brokers/"+own.BrokerSummaries[0].BrokerID, nil) // mallory's "amq"
		wantError(t, c.send("POST", "/v1/brokers", brokerBody("amq")), 409, "ConflictException", "brokerName", "amq")
		m.must(200, "POST", "/v1/brokers", brokerBody("amq"))
		wantError(t, m.send("POST", "/v1/brokers", brokerBody("amq")), 409, "ConflictException", "brokerName", "amq")
	})

	// Nothing of 123456789012 changed.
	var tags api.ListTagsOutput
	c.must(200, "GET", "/v1/tags/"+url.PathEscape(amq.BrokerARN), nil).decode(t, &tags)
	if len(tags.Tags) != 1 || tags.Tags["owner"] != "admin" {
		t.Fatalf("tags = %v", tags.Tags)
	}
	c.must(200, "GET", u, nil)
	c.must(200, "GET", cf, nil)
}

// TestCrossAccountDenialExplained: the client reads the cross-account
// denial as an implicit deny by the resource-based layer, and its fix says
// that no policy can help.
func TestCrossAccountDenialExplained(t *testing.T) {
	srv := newServer(t, mqtest.WithPrincipals(mqtest.DefaultPrincipal(), mallory()))
	var out api.CreateBrokerOutput
	admin(t, srv).must(200, "POST", "/v1/brokers", brokerBody("amq")).decode(t, &out)
	p := mallory()
	cl, err := mqclient.New(t.Context(), mqclient.WithEndpoint(srv.URL), mqclient.WithRegion("us-east-1"), mqclient.WithClock(srv.Clock().Now),
		mqclient.WithCredentials(aws.NewCredentialsCache(creds(p))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.ListTags(t.Context(), &api.ListTagsInput{ResourceARN: out.BrokerARN})
	var ad *mqclient.AccessDeniedError
	if !errors.As(err, &ad) {
		t.Fatalf("err = %v", err)
	}
	if ad.Deny != iam.DenyImplicit || ad.PolicyType != iam.PolicyTypeResourceBased || ad.Action != "mq:ListTags" ||
		ad.Resource != out.BrokerARN || ad.Principal != p.ARN {
		t.Fatalf("denial = %+v", ad)
	}
	if fix := ad.Fix(); fix.Kind != mqclient.FixChangeLayer || !strings.Contains(fix.Text, "account 123456789012") {
		t.Fatalf("fix = %+v", fix)
	}
}
