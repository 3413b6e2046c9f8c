package mqtest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

func TestLoadPrincipals(t *testing.T) {
	good := `{"principals":[
	  {"arn":"arn:aws:iam::123456789012:user/alice","accessKeyId":"AKIA1","secretAccessKey":"s1",
	   "identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mq:*","Resource":"*"}]}]},
	  {"arn":"arn:aws:sts::123456789012:assumed-role/R/s","accessKeyId":"ASIA2","secretAccessKey":"s2","sessionToken":"t",
	   "expiration":"2030-01-01T00:00:00Z",
	   "identityPolicies":[{"arn":"arn:aws:iam::123456789012:policy/P","document":{"Statement":{"Effect":"Allow","Action":"mq:List*","Resource":"*"}}}],
	   "permissionsBoundary":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]},
	   "serviceControlPolicies":[{"arn":"arn:aws:organizations::1:policy/o/service_control_policy/p","document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}]}
	]}`
	ps, err := mqtest.LoadPrincipals(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[1].SessionToken != "t" || ps[1].Expiration.Year() != 2030 {
		t.Fatalf("principals = %+v", ps)
	}
	srv := newServer(t, mqtest.WithPrincipals(ps...))
	client(t, srv, ps[0]).must(200, "GET", "/v1/brokers", nil)

	tests := map[string]struct{ file, want string }{
		"bad statement": {`{"principals":[{"arn":"arn:aws:iam::123456789012:user/bob","accessKeyId":"A","secretAccessKey":"s",
			"identityPolicies":[{"Statement":[{"Effect":"Maybe","Action":"mq:*","Resource":"*"}]}]}]}`,
			"arn:aws:iam::123456789012:user/bob: identityPolicies[0]"},
		"bad named policy": {`{"principals":[{"arn":"arn:aws:iam::123456789012:user/bob","accessKeyId":"A","secretAccessKey":"s",
			"identityPolicies":[{"arn":"arn:aws:iam::1:policy/Broken","document":{"Statement":"x"}}]}]}`,
			"policy arn:aws:iam::1:policy/Broken"},
		"bad boundary": {`{"principals":[{"arn":"arn:aws:iam::123456789012:user/bob","accessKeyId":"A","secretAccessKey":"s",
			"identityPolicies":[],"permissionsBoundary":{"Statement":[{"Effect":"Allow"}]}}]}`,
			"permissionsBoundary"},
		"missing secret":  {`{"principals":[{"arn":"arn:aws:iam::123456789012:user/bob","accessKeyId":"A","identityPolicies":[]}]}`, "secretAccessKey is required"},
		"duplicate key":   {`{"principals":[{"arn":"arn:aws:iam::123456789012:user/a","accessKeyId":"A","secretAccessKey":"s"},{"arn":"arn:aws:iam::123456789012:user/b","accessKeyId":"A","secretAccessKey":"s"}]}`, "used twice"},
		"unknown field":   {`{"principals":[{"arn":"arn:aws:iam::123456789012:user/a","accessKeyId":"A","secretAccessKey":"s","identityPolicy":[]}]}`, "identityPolicy"},
		"no principals":   {`{}`, "principals"},
		"not JSON at all": {`nope`, "principals file"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := mqtest.LoadPrincipals(strings.NewReader(tc.file))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestInvalidPrincipalOption(t *testing.T) {
	bad := mqtest.Principal{ARN: "arn:aws:iam::1:user/x", AccessKeyID: "A", SecretAccessKey: "s",
		IdentityPolicies: []json.RawMessage{json.RawMessage(`{"Statement":1}`)}}
	if _, err := mqtest.NewHandlerE(mqtest.WithPrincipals(bad)); err == nil || !strings.Contains(err.Error(), "arn:aws:iam::1:user/x") {
		t.Fatalf("err = %v", err)
	}
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithPrincipals(bad))
	if err := srv.Start(); err == nil {
		t.Fatal("Start accepted an invalid principal")
	}
	h := mqtest.NewHandler()
	if err := h.SetPrincipal(bad); err == nil {
		t.Fatal("SetPrincipal accepted an invalid policy")
	}
}

func TestDefaultPrincipalFollowsAccount(t *testing.T) {
	srv := newServer(t, mqtest.WithAccount("111122223333"), mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	c.must(200, "POST", "/v1/brokers", brokerBody("b1"))
	reqs := srv.Requests()
	if reqs[0].Principal != "arn:aws:iam::111122223333:user/admin" ||
		!strings.HasPrefix(srv.Brokers()[0].BrokerARN, "arn:aws:mq:us-east-1:111122223333:broker:b1:b-") {
		t.Fatalf("principal %s, broker %s", reqs[0].Principal, srv.Brokers()[0].BrokerARN)
	}
}
