package mqtest_test

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

const aliceARN = "arn:aws:iam::123456789012:user/alice"

// wantDenied checks a 403 AccessDeniedException and its exact message.
func wantDenied(t *testing.T, r *resp, msg string) {
	t.Helper()
	var body map[string]any
	_ = json.Unmarshal(r.Body, &body)
	if r.Status != 403 || r.code() != "AccessDeniedException" || body["message"] != msg || body["errorAttribute"] != nil {
		t.Fatalf("got %d %s %s\nwant message %q", r.Status, r.code(), r.Body, msg)
	}
}

func TestAuthorizationLayers(t *testing.T) {
	all := allow("*", "mq:*", "ec2:*", "iam:*")
	tests := map[string]struct {
		p   mqtest.Principal
		msg string
	}{
		"implicit identity deny": {
			p:   alice(allow("*", "mq:DescribeBroker")),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers because no identity-based policy allows the mq:ListBrokers action",
		},
		"explicit identity deny": {
			p:   alice(all, deny("*", "mq:List*")),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers with an explicit deny in an identity-based policy",
		},
		"explicit identity deny with policy ARN": {
			p: alice(all, named("arn:aws:iam::123456789012:policy/NoList", deny("*", "mq:ListBrokers"))),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers with an explicit deny in an identity-based policy: " +
				"arn:aws:iam::123456789012:policy/NoList",
		},
		"permissions boundary": {
			p: func() mqtest.Principal {
				p := alice(all)
				p.PermissionsBoundary = allow("*", "mq:Describe*")
				return p
			}(),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers because no permissions boundary allows the mq:ListBrokers action",
		},
		"session policy": {
			p: func() mqtest.Principal {
				p := alice(all)
				p.SessionPolicy = deny("*", "mq:ListBrokers")
				return p
			}(),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers with an explicit deny in a session policy",
		},
		"SCP without ARN": {
			p: func() mqtest.Principal {
				p := alice(all)
				p.ServiceControlPolicies = []json.RawMessage{allow("*", "ec2:*")}
				return p
			}(),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers because no service control policy allows the mq:ListBrokers action",
		},
		"SCP with ARN": {
			p: func() mqtest.Principal {
				p := alice(all)
				p.ServiceControlPolicies = []json.RawMessage{named("arn:aws:organizations::987654321098:policy/o-abc/service_control_policy/p-1", deny("*", "mq:*"))}
				return p
			}(),
			msg: "User: " + aliceARN + " is not authorized to perform: mq:ListBrokers with an explicit deny in a service control policy: " +
				"arn:aws:organizations::987654321098:policy/o-abc/service_control_policy/p-1",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, mqtest.WithPrincipals(tc.p))
			wantDenied(t, client(t, srv, tc.p).send("GET", "/v1/brokers", nil), tc.msg)
		})
	}
}

func TestAuthorizationResources(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	adm := admin(t, srv)
	body := brokerBody("prod-1")
	body["tags"] = map[string]string{"env": "prod"}
	var prod api.CreateBrokerOutput
	adm.must(200, "POST", "/v1/brokers", body).decode(t, &prod)
	var dev api.CreateBrokerOutput
	body = brokerBody("dev-1")
	body["tags"] = map[string]string{"env": "dev"}
	adm.must(200, "POST", "/v1/brokers", body).decode(t, &dev)

	// Resource ARN patterns and aws:ResourceTag conditions.
	tagged, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{{
		"Effect": "Allow", "Action": "mq:DescribeBroker", "Resource": "arn:aws:mq:*:*:broker:*:*",
		"Condition": map[string]any{"StringEquals": map[string]string{"aws:ResourceTag/env": "dev"}},
	}}})
	p := alice(tagged)
	if err := srv.SetPrincipal(p); err != nil {
		t.Fatal(err)
	}
	c := client(t, srv, p)
	c.must(200, "GET", "/v1/brokers/"+dev.BrokerID, nil)
	wantDenied(t, c.send("GET", "/v1/brokers/"+prod.BrokerID, nil),
		"User: "+aliceARN+" is not authorized to perform: mq:DescribeBroker on resource: "+prod.BrokerARN+
			" because no identity-based policy allows the mq:DescribeBroker action")

	// An unknown broker is authorized with the name unknown: the 404 comes
	// only to callers allowed to ask.
	wantDenied(t, c.send("GET", "/v1/brokers/b-unknown", nil),
		"User: "+aliceARN+" is not authorized to perform: mq:DescribeBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:*:b-unknown"+
			" because no identity-based policy allows the mq:DescribeBroker action")
	p.IdentityPolicies = append(p.IdentityPolicies, allow("arn:aws:mq:us-east-1:123456789012:broker:*", "mq:DescribeBroker"))
	if err := srv.SetPrincipal(p); err != nil {
		t.Fatal(err)
	}
	wantError(t, c.send("GET", "/v1/brokers/b-unknown", nil), 404, "NotFoundException", "broker-id", "b-unknown")

	// Tag operations are authorized on the ResourceArn, with aws:TagKeys.
	onlyTeam, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{{
		"Effect": "Allow", "Action": "mq:CreateTags", "Resource": "*",
		"Condition": map[string]any{"ForAllValues:StringEquals": map[string]any{"aws:TagKeys": []string{"team"}}},
	}}})
	p2 := alice(onlyTeam)
	if err := srv.SetPrincipal(p2); err != nil {
		t.Fatal(err)
	}
	c = client(t, srv, p2)
	arnPath := "/v1/tags/" + url.PathEscape(dev.BrokerARN)
	c.must(204, "POST", arnPath, map[string]any{"tags": map[string]string{"team": "a"}})
	wantDenied(t, c.send("POST", arnPath, map[string]any{"tags": map[string]string{"owner": "b"}}),
		"User: "+aliceARN+" is not authorized to perform: mq:CreateTags on resource: "+dev.BrokerARN+
			" because no identity-based policy allows the mq:CreateTags action")
}

func TestAuthorizationConditionalActions(t *testing.T) {
	base := []json.RawMessage{allow("*", "mq:CreateBroker", "mq:DescribeBroker", "mq:UpdateBroker", "mq:CreateConfiguration", "mq:UpdateConfiguration")}
	tests := map[string]struct {
		extra []json.RawMessage // also allowed
		body  func(map[string]any)
		msg   string
	}{
		"first broker needs the service-linked role": {
			msg: "User: " + aliceARN + " is not authorized to perform: iam:CreateServiceLinkedRole on resource: " +
				"arn:aws:iam::123456789012:role/aws-service-role/mq.amazonaws.com/AWSServiceRoleForAmazonMQ " +
				"because no identity-based policy allows the iam:CreateServiceLinkedRole action",
		},
		"tags need mq:CreateTags": {
			extra: []json.RawMessage{allow("*", "iam:CreateServiceLinkedRole")},
			body:  func(b map[string]any) { b["tags"] = map[string]string{"k": "v"} },
			msg:   "User: " + aliceARN + " is not authorized to perform: mq:CreateTags because no identity-based policy allows the mq:CreateTags action",
		},
		"subnets need EC2": {
			extra: []json.RawMessage{allow("*", "iam:CreateServiceLinkedRole")},
			body:  func(b map[string]any) { b["subnetIds"] = []string{"subnet-1"} },
			msg:   "User: " + aliceARN + " is not authorized to perform: ec2:CreateNetworkInterface because no identity-based policy allows the ec2:CreateNetworkInterface action",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p := alice(append(append([]json.RawMessage{}, base...), tc.extra...)...)
			srv := newServer(t, mqtest.WithPrincipals(p))
			b := brokerBody("b1")
			if tc.body != nil {
				tc.body(b)
			}
			c := client(t, srv, p)
			wantDenied(t, c.send("POST", "/v1/brokers", b), tc.msg)
			if srv.BrokerCount() != 0 {
				t.Fatal("a denied CreateBroker created a broker")
			}
			// Granting the missing action makes the same request succeed.
			p.IdentityPolicies = append(p.IdentityPolicies, allow("*", "*"))
			if err := srv.SetPrincipal(p); err != nil {
				t.Fatal(err)
			}
			c.must(200, "POST", "/v1/brokers", b)
		})
	}

	t.Run("EC2 permission actions need ec2:AuthorizedService", func(t *testing.T) {
		// The EC2 actions CreateBroker needs: those the service checks with
		// ec2:AuthorizedService, and the others.
		var ec2Actions, ec2PermissionActions []string
		for _, a := range api.Lookup("CreateBroker").Actions {
			switch {
			case !strings.HasPrefix(a.Name, "ec2:"):
			case a.Context["ec2:AuthorizedService"] != "":
				ec2PermissionActions = append(ec2PermissionActions, a.Name)
			default:
				ec2Actions = append(ec2Actions, a.Name)
			}
		}
		if len(ec2Actions) == 0 || len(ec2PermissionActions) == 0 {
			t.Fatalf("CreateBroker's EC2 actions: %v and %v", ec2Actions, ec2PermissionActions)
		}
		cond, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{
			{"Effect": "Allow", "Action": ec2Actions, "Resource": "*"},
			{"Effect": "Allow", "Action": ec2PermissionActions, "Resource": "*",
				"Condition": map[string]any{"StringEquals": map[string]string{"ec2:AuthorizedService": "mq.amazonaws.com"}}},
		}})
		p := alice(append(base, cond, allow("*", "iam:CreateServiceLinkedRole"))...)
		srv := newServer(t, mqtest.WithPrincipals(p))
		b := brokerBody("b1")
		b["subnetIds"] = []string{"subnet-1"}
		client(t, srv, p).must(200, "POST", "/v1/brokers", b)
	})

	t.Run("UpdateBroker authentication needs UpdateBrokerAccessConfiguration", func(t *testing.T) {
		p := alice(base...)
		srv := newServer(t, mqtest.WithPrincipals(p, mqtest.DefaultPrincipal()), mqtest.WithBrokerCreateDelay(0))
		var cb api.CreateBrokerOutput
		admin(t, srv).must(200, "POST", "/v1/brokers", brokerBody("b1")).decode(t, &cb)
		c := client(t, srv, p)
		c.must(200, "PUT", "/v1/brokers/"+cb.BrokerID, map[string]any{"hostInstanceType": "mq.m5.large"})
		wantDenied(t, c.send("PUT", "/v1/brokers/"+cb.BrokerID, map[string]any{"authenticationStrategy": "SIMPLE"}),
			"User: "+aliceARN+" is not authorized to perform: mq:UpdateBrokerAccessConfiguration on resource: "+cb.BrokerARN+
				" because no identity-based policy allows the mq:UpdateBrokerAccessConfiguration action")
	})

	t.Run("RabbitMQ configuration role needs iam:PassRole", func(t *testing.T) {
		p := alice(append(base, allow("*", "iam:CreateServiceLinkedRole"))...)
		srv := newServer(t, mqtest.WithPrincipals(p))
		c := client(t, srv, p)
		var cfg api.CreateConfigurationOutput
		c.must(200, "POST", "/v1/configurations", map[string]any{"name": "r", "engineType": "RABBITMQ"}).decode(t, &cfg)
		const role = "arn:aws:iam::123456789012:role/mq-ldap"
		data := base64.StdEncoding.EncodeToString([]byte("aws.arns.assume_role_arn = " + role + "\n"))
		c.must(200, "PUT", "/v1/configurations/"+cfg.ID, map[string]any{"data": data})
		b := brokerBody("rabbit")
		b["engineType"], b["configuration"] = "RABBITMQ", map[string]any{"id": cfg.ID}
		wantDenied(t, c.send("POST", "/v1/brokers", b),
			"User: "+aliceARN+" is not authorized to perform: iam:PassRole on resource: "+role+
				" because no identity-based policy allows the iam:PassRole action")
		passRole, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{{
			"Effect": "Allow", "Action": "iam:PassRole", "Resource": role,
			"Condition": map[string]any{"StringEquals": map[string]string{"iam:PassedToService": "mq.amazonaws.com"}},
		}}})
		p.IdentityPolicies = append(p.IdentityPolicies, passRole)
		if err := srv.SetPrincipal(p); err != nil {
			t.Fatal(err)
		}
		c.must(200, "POST", "/v1/brokers", b)
	})
}

func TestAuthorizationSecureTransport(t *testing.T) {
	onlyTLS, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{
		{"Effect": "Allow", "Action": "mq:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "mq:*", "Resource": "*", "Condition": map[string]any{"Bool": map[string]string{"aws:SecureTransport": "false"}}},
	}})
	p := alice(onlyTLS)
	srv := newServer(t, mqtest.WithPrincipals(p))
	wantDenied(t, client(t, srv, p).send("GET", "/v1/brokers", nil),
		"User: "+aliceARN+" is not authorized to perform: mq:ListBrokers with an explicit deny in an identity-based policy")
}

func TestAuthorizationAfterValidation(t *testing.T) {
	p := alice(allow("*", "mq:DescribeBroker"))
	srv := newServer(t, mqtest.WithPrincipals(p))
	// An invalid request is a 400 even for a caller that may not make it.
	wantError(t, client(t, srv, p).send("POST", "/v1/brokers", map[string]any{}), 400, "BadRequestException", "brokerName",
		"The request failed because [brokerName] is required.")
}
