package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/internal/secretscan"
	"github.com/mqrest/mqrest/mqtest"
)

// Passwords of the secret-hygiene test, one for each place a password goes.
const (
	pwBrokerUser  = "brokerUser-Pw-7f3a91"
	pwLdapCreate  = "ldapCreate-Pw-5c2e88"
	pwLdapUpdate  = "ldapUpdate-Pw-9d1b47"
	pwCreateUser  = "createUser-Pw-3e8c21"
	pwUpdateUser  = "updateUser-Pw-6a4f02"
	pwFixture     = "fixture-Passw0rd" // validInputs
	pwTooShort    = "short-Pw1"
	pwWithComma   = "has,comma-Pw-123456"
	wrongSecret   = "wrong-secret-key-0000000000000000000000"
	wrongToken    = "wrong-session-token-FQoGZXIvYXdzEXAMPLE"
	adminPolicy   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["mq:*","ec2:*","iam:*"],"Resource":"*"}]}`
	readPolicy    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["mq:Describe*","mq:List*"],"Resource":"*"}]}`
	sessionSuffix = "-session-token-IQoJb3JpZ2luX2VjEXAMPLE"
)

// secretsRun is one run of the hygiene test: what it captured and what
// must not be in it.
type secretsRun struct {
	t        *testing.T
	out      secretscan.Buffer // %v, %+v, %#v of inputs, outputs and errors
	log      *slog.Logger
	called   map[string]bool
	failures int
}

// call invokes op, then prints and logs its input, output and error.
func (r *secretsRun) call(c *client.Client, op string, in any) (any, error) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(r.t.Context(), 10*time.Second)
	defer cancel()
	out, err := invoke(ctx, c, op, in)
	r.called[op] = true
	if err != nil {
		r.failures++
	}
	for _, v := range []any{in, out, err} {
		fmt.Fprintf(&r.out, "%s: %v | %+v | %#v | %s\n", op, v, v, v, jsonOf(v))
	}
	r.log.Debug("call", "op", op, "in", in, "out", out, "err", err)
	if ad, ok := err.(*client.AccessDeniedError); ok {
		fmt.Fprintf(&r.out, "%s fix: %v\n", op, ad.Fix())
	}
	return out, err
}

// jsonOf marshals what can be printed as JSON: outputs and errors only.
// Inputs are the wire request, passwords included, by design.
func jsonOf(v any) string {
	switch v.(type) {
	case nil, error:
	default:
		if api.ForInput(v) != nil {
			return "(input)"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestSecretsNeverLeak runs every operation — successes, validation errors,
// 404s, access denied, bad credentials and injected faults with retries —
// with the client and the emulator logging at debug level and session-token
// credentials, prints every input, output and error with %v, %+v and %#v,
// and finds no secret key, session token, request signature or password in
// any of it.
func TestSecretsNeverLeak(t *testing.T) {
	admin := principal("secadmin", adminPolicy)
	admin.SessionToken = "admin" + sessionSuffix
	reader := principal("secreader", readPolicy)
	reader.SessionToken = "reader" + sessionSuffix

	var clientLog, emuLog secretscan.Buffer
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithSeed(7), mqtest.WithPrincipals(admin, reader),
		mqtest.WithLogger(slog.New(slog.NewJSONHandler(&emuLog, debug))))
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	rec := &secretscan.Signatures{Base: tr}
	r := &secretsRun{t: t, log: slog.New(slog.NewTextHandler(&clientLog, debug)), called: map[string]bool{}}
	opts := []client.Option{client.WithLogger(slog.New(slog.NewTextHandler(&clientLog, debug))),
		client.WithHTTPClient(&http.Client{Transport: rec})}
	c := clientFor(t, srv, admin, opts...)

	r.lifecycle(c, srv)
	r.errorPaths(c, srv, clientFor(t, srv, reader, opts...))
	// Bad credentials: a wrong secret key, then a wrong session token.
	for _, p := range []mqtest.Principal{{AccessKeyID: admin.AccessKeyID, SecretAccessKey: wrongSecret, SessionToken: admin.SessionToken},
		{AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey, SessionToken: wrongToken}} {
		bad := clientFor(t, srv, p, opts...)
		_, _ = r.call(bad, "CreateUser", &api.CreateUserInput{BrokerID: "b-1", Username: "u1", Password: pwCreateUser})
	}
	// A clock 20 minutes slow: rejected, re-signed with the server's time.
	skewed := clientFor(t, srv, admin, append(opts, client.WithClock(func() time.Time { return time.Now().Add(-20 * time.Minute) }))...)
	_, _ = r.call(skewed, "ListBrokers", &api.ListBrokersInput{})
	fmt.Fprintf(&r.out, "%v %+v %#v\n", c, c, c)
	withToken := 0
	for _, req := range srv.Requests() {
		fmt.Fprintf(&r.out, "%v\n%+v\n%#v\n", req, req, req)
		if req.Header.Get("X-Amz-Security-Token") != "" {
			withToken++
		}
	}
	if withToken == 0 {
		t.Fatal("no request carried a session token")
	}

	for _, op := range api.Operations {
		if !r.called[op.Name] {
			t.Errorf("%s was never called", op.Name)
		}
	}
	sigs := rec.All()
	if len(sigs) < 50 || r.failures < 30 || !strings.Contains(clientLog.String(), "level=DEBUG") || !strings.Contains(emuLog.String(), "mqtest request") {
		t.Fatalf("too little captured: %d signatures, %d failed calls, logs %d and %d bytes",
			len(sigs), r.failures, len(clientLog.String()), len(emuLog.String()))
	}
	secrets := map[string]string{
		"admin secret key": admin.SecretAccessKey, "reader secret key": reader.SecretAccessKey, "wrong secret key": wrongSecret,
		"admin session token": admin.SessionToken, "reader session token": reader.SessionToken, "wrong session token": wrongToken,
		"broker user password": pwBrokerUser, "LDAP password (create)": pwLdapCreate, "LDAP password (update)": pwLdapUpdate,
		"CreateUser password": pwCreateUser, "UpdateUser password": pwUpdateUser, "fixture password": pwFixture,
		"too short password": pwTooShort, "password with a comma": pwWithComma,
	}
	for i, s := range sigs {
		secrets[fmt.Sprintf("signature %d", i)] = s
	}
	for where, text := range map[string]string{"client log": clientLog.String(), "emulator log": emuLog.String(), "printed values": r.out.String()} {
		for what, secret := range secrets {
			if i := strings.Index(text, secret); i >= 0 {
				t.Errorf("%s shows the %s: …%s…", where, what, text[max(0, i-80):min(len(text), i+len(secret)+20)])
			}
		}
	}
}

// lifecycle calls every operation with success in mind (Promote fails: no
// replica), with passwords wherever an operation takes one.
func (r *secretsRun) lifecycle(c *client.Client, srv *mqtest.Server) {
	t := r.t
	must := func(op string, in any) any {
		t.Helper()
		out, err := r.call(c, op, in)
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		return out
	}
	cfg := must("CreateConfiguration", &api.CreateConfigurationInput{Name: "sec-cfg", EngineType: api.EngineTypeActivemq}).(*api.CreateConfigurationOutput)
	must("UpdateConfiguration", &api.UpdateConfigurationInput{ConfigurationID: cfg.ID, Data: soakXML})
	must("DescribeConfiguration", &api.DescribeConfigurationInput{ConfigurationID: cfg.ID})
	must("DescribeConfigurationRevision", &api.DescribeConfigurationRevisionInput{ConfigurationID: cfg.ID, ConfigurationRevision: "2"})
	must("ListConfigurationRevisions", &api.ListConfigurationRevisionsInput{ConfigurationID: cfg.ID})
	must("ListConfigurations", &api.ListConfigurationsInput{})
	simple := must("CreateBroker", &api.CreateBrokerInput{BrokerName: "sec-simple", EngineType: api.EngineTypeActivemq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false),
		Users: []api.User{{Username: "admin", Password: pwBrokerUser, ConsoleAccess: aws.Bool(true)}},
		Tags:  map[string]string{"env": "test"}}).(*api.CreateBrokerOutput)
	ldap := must("CreateBroker", &api.CreateBrokerInput{BrokerName: "sec-ldap", EngineType: api.EngineTypeActivemq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false),
		AuthenticationStrategy: api.AuthenticationStrategyLdap, LdapServerMetadata: ldapMetadata(pwLdapCreate)}).(*api.CreateBrokerOutput)
	must("DescribeBroker", &api.DescribeBrokerInput{BrokerID: ldap.BrokerID})
	must("ListBrokers", &api.ListBrokersInput{})
	must("DescribeBrokerEngineTypes", &api.DescribeBrokerEngineTypesInput{})
	must("DescribeBrokerInstanceOptions", &api.DescribeBrokerInstanceOptionsInput{})
	must("CreateUser", &api.CreateUserInput{BrokerID: simple.BrokerID, Username: "app", Password: pwCreateUser, Groups: []string{"apps"}})
	must("UpdateUser", &api.UpdateUserInput{BrokerID: simple.BrokerID, Username: "app", Password: pwUpdateUser})
	must("DescribeUser", &api.DescribeUserInput{BrokerID: simple.BrokerID, Username: "app"})
	must("ListUsers", &api.ListUsersInput{BrokerID: simple.BrokerID})
	must("CreateTags", &api.CreateTagsInput{ResourceARN: simple.BrokerARN, Tags: map[string]string{"team": "t"}})
	must("ListTags", &api.ListTagsInput{ResourceARN: simple.BrokerARN})
	must("DeleteTags", &api.DeleteTagsInput{ResourceARN: simple.BrokerARN, TagKeys: []string{"team"}})
	must("UpdateBroker", &api.UpdateBrokerInput{BrokerID: ldap.BrokerID, AuthenticationStrategy: api.AuthenticationStrategyLdap,
		LdapServerMetadata: ldapMetadata(pwLdapUpdate)})
	must("RebootBroker", &api.RebootBrokerInput{BrokerID: simple.BrokerID})
	if _, err := r.call(c, "Promote", &api.PromoteInput{BrokerID: simple.BrokerID, Mode: api.PromoteModeFailover}); err == nil {
		t.Error("Promote of a broker that is no replica succeeded")
	}
	must("DeleteUser", &api.DeleteUserInput{BrokerID: simple.BrokerID, Username: "app"})
	must("DeleteBroker", &api.DeleteBrokerInput{BrokerID: ldap.BrokerID})

	// Retries and lost answers, on the calls that carry passwords.
	for _, f := range []mqtest.FaultKind{mqtest.Fault500, mqtest.Fault503, mqtest.FaultThrottle, mqtest.FaultReset,
		mqtest.FaultResetAfter, mqtest.FaultTruncate} {
		srv.FailNext("UpdateUser", 1, mqtest.Fault{Kind: f})
		_, _ = r.call(c, "UpdateUser", &api.UpdateUserInput{BrokerID: simple.BrokerID, Username: "admin", Password: pwUpdateUser})
		srv.FailNext("CreateUser", 2, mqtest.Fault{Kind: f})
		_, _ = r.call(c, "CreateUser", &api.CreateUserInput{BrokerID: simple.BrokerID, Username: "u-" + strings.ToLower(f.String()), Password: pwCreateUser})
		srv.FailNext("UpdateBroker", 3, mqtest.Fault{Kind: f})
		_, _ = r.call(c, "UpdateBroker", &api.UpdateBrokerInput{BrokerID: simple.BrokerID, LdapServerMetadata: ldapMetadata(pwLdapUpdate),
			AuthenticationStrategy: api.AuthenticationStrategyLdap})
	}
	must("DeleteBroker", &api.DeleteBrokerInput{BrokerID: simple.BrokerID})
	must("DeleteConfiguration", &api.DeleteConfigurationInput{ConfigurationID: cfg.ID})
}

// errorPaths makes every operation fail: with inputs naming resources that
// do not exist (404), as a principal that may only read (access denied),
// and with passwords the API rejects (validation, before anything is sent).
func (r *secretsRun) errorPaths(c *client.Client, srv *mqtest.Server, reader *client.Client) {
	for _, op := range api.Operations {
		_, _ = r.call(c, op.Name, validInputs()[op.Name])
		_, _ = r.call(reader, op.Name, validInputs()[op.Name])
	}
	invalid := map[string][]any{
		"CreateUser": {
			&api.CreateUserInput{BrokerID: "b-1", Username: "u1", Password: pwTooShort},
			&api.CreateUserInput{BrokerID: "b-1", Username: "u1", Password: pwWithComma},
			&api.CreateUserInput{BrokerID: "", Username: "x", Password: pwWithComma},
		},
		"UpdateUser": {&api.UpdateUserInput{BrokerID: "b-1", Username: "u1", Password: pwTooShort}},
		"CreateBroker": {&api.CreateBrokerInput{BrokerName: "bad name", Users: []api.User{{Username: "a", Password: pwWithComma}},
			LdapServerMetadata: &api.LdapServerMetadataInput{ServiceAccountPassword: pwTooShort}}},
		"UpdateBroker": {&api.UpdateBrokerInput{BrokerID: "b-1", LdapServerMetadata: &api.LdapServerMetadataInput{ServiceAccountPassword: pwWithComma}}},
	}
	for op, ins := range invalid {
		for _, in := range ins {
			if _, err := r.call(c, op, in); err == nil {
				r.t.Errorf("%s accepted %v", op, in)
			}
		}
	}
	srv.FailNext("CreateUser", 5, mqtest.Fault{Kind: mqtest.Fault500})
	_, _ = r.call(c, "CreateUser", validInputs()["CreateUser"])
}

// ldapMetadata is a complete LDAP configuration with the given service
// account password.
func ldapMetadata(password string) *api.LdapServerMetadataInput {
	return &api.LdapServerMetadataInput{
		Hosts: []string{"ldap.example.com"}, RoleBase: "ou=groups,dc=example,dc=com", RoleSearchMatching: "(member={0})",
		ServiceAccountUsername: "svc", ServiceAccountPassword: password, UserBase: "ou=users,dc=example,dc=com",
		UserSearchMatching: "(uid={0})",
	}
}
