package conformance

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	"github.com/aws/aws-sdk-go-v2/service/mq/types"
	"github.com/aws/smithy-go"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// sdkFor returns the official client signing as the given keys against srv.
func sdkFor(srv *mqtest.Server, key, secret string, hc mq.HTTPClient) *mq.Client {
	o := mq.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, "")}
	if hc != nil {
		o.HTTPClient = hc
	}
	return mq.New(o)
}

// TestSDKAgainstEmulator: the official aws-sdk-go-v2/service/mq client runs
// every one of its 24 operations against mqtest and gets correct,
// decodable answers.
func TestSDKAgainstEmulator(t *testing.T) {
	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithSeed(3))
	c := sdkFor(srv, mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, nil)
	ctx := t.Context()
	called := map[string]bool{}
	must := func(op string, err error) {
		t.Helper()
		called[op] = true
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
	}

	et, err := c.DescribeBrokerEngineTypes(ctx, &mq.DescribeBrokerEngineTypesInput{})
	must("DescribeBrokerEngineTypes", err)
	if len(et.BrokerEngineTypes) == 0 {
		t.Error("no engine types")
	}
	io_, err := c.DescribeBrokerInstanceOptions(ctx, &mq.DescribeBrokerInstanceOptionsInput{EngineType: aws.String("ACTIVEMQ")})
	must("DescribeBrokerInstanceOptions", err)
	if len(io_.BrokerInstanceOptions) == 0 {
		t.Error("no instance options")
	}

	cfg, err := c.CreateConfiguration(ctx, &mq.CreateConfigurationInput{Name: aws.String("sdk-cfg"), EngineType: types.EngineTypeActivemq,
		EngineVersion: aws.String("5.18"), Tags: map[string]string{"a": "b"}})
	must("CreateConfiguration", err)
	if cfg.Id == nil || cfg.Created == nil || cfg.LatestRevision == nil || *cfg.LatestRevision.Revision != 1 {
		t.Fatalf("CreateConfiguration output %+v", cfg)
	}
	data := base64.StdEncoding.EncodeToString([]byte(`<broker xmlns="http://activemq.apache.org/schema/core"/>`))
	up, err := c.UpdateConfiguration(ctx, &mq.UpdateConfigurationInput{ConfigurationId: cfg.Id, Data: aws.String(data)})
	must("UpdateConfiguration", err)
	if *up.LatestRevision.Revision != 2 {
		t.Errorf("revision %d", *up.LatestRevision.Revision)
	}
	dc, err := c.DescribeConfiguration(ctx, &mq.DescribeConfigurationInput{ConfigurationId: cfg.Id})
	must("DescribeConfiguration", err)
	if *dc.Name != "sdk-cfg" {
		t.Errorf("name %q", *dc.Name)
	}
	rev, err := c.DescribeConfigurationRevision(ctx, &mq.DescribeConfigurationRevisionInput{ConfigurationId: cfg.Id, ConfigurationRevision: aws.String("2")})
	must("DescribeConfigurationRevision", err)
	if *rev.Data != data {
		t.Error("revision data differs")
	}
	revs, err := c.ListConfigurationRevisions(ctx, &mq.ListConfigurationRevisionsInput{ConfigurationId: cfg.Id})
	must("ListConfigurationRevisions", err)
	if len(revs.Revisions) != 2 {
		t.Errorf("%d revisions", len(revs.Revisions))
	}
	cfgs, err := c.ListConfigurations(ctx, &mq.ListConfigurationsInput{})
	must("ListConfigurations", err)
	if len(cfgs.Configurations) != 1 {
		t.Errorf("%d configurations", len(cfgs.Configurations))
	}

	b, err := c.CreateBroker(ctx, &mq.CreateBrokerInput{BrokerName: aws.String("sdk-broker"), DeploymentMode: types.DeploymentModeSingleInstance,
		EngineType: types.EngineTypeActivemq, HostInstanceType: aws.String("mq.t3.micro"), PubliclyAccessible: aws.Bool(false),
		Configuration: &types.ConfigurationId{Id: cfg.Id, Revision: aws.Int32(2)},
		Users:         []types.User{{Username: aws.String("admin"), Password: aws.String("sdk-Passw0rd-123")}}})
	must("CreateBroker", err)
	db, err := c.DescribeBroker(ctx, &mq.DescribeBrokerInput{BrokerId: b.BrokerId})
	must("DescribeBroker", err)
	if db.BrokerState != types.BrokerStateRunning || *db.BrokerArn != *b.BrokerArn || db.Created == nil {
		t.Errorf("DescribeBroker %v %v", db.BrokerState, db.BrokerArn)
	}
	lb, err := c.ListBrokers(ctx, &mq.ListBrokersInput{})
	must("ListBrokers", err)
	if len(lb.BrokerSummaries) != 1 {
		t.Errorf("%d brokers", len(lb.BrokerSummaries))
	}
	_, err = c.UpdateBroker(ctx, &mq.UpdateBrokerInput{BrokerId: b.BrokerId, HostInstanceType: aws.String("mq.m5.large")})
	must("UpdateBroker", err)

	_, err = c.CreateUser(ctx, &mq.CreateUserInput{BrokerId: b.BrokerId, Username: aws.String("app"), Password: aws.String("sdk-Passw0rd-456")})
	must("CreateUser", err)
	_, err = c.UpdateUser(ctx, &mq.UpdateUserInput{BrokerId: b.BrokerId, Username: aws.String("app"), Groups: []string{"g1"}})
	must("UpdateUser", err)
	du, err := c.DescribeUser(ctx, &mq.DescribeUserInput{BrokerId: b.BrokerId, Username: aws.String("app")})
	must("DescribeUser", err)
	if *du.Username != "app" {
		t.Errorf("user %q", *du.Username)
	}
	lu, err := c.ListUsers(ctx, &mq.ListUsersInput{BrokerId: b.BrokerId})
	must("ListUsers", err)
	if len(lu.Users) != 2 {
		t.Errorf("%d users", len(lu.Users))
	}
	_, err = c.RebootBroker(ctx, &mq.RebootBrokerInput{BrokerId: b.BrokerId})
	must("RebootBroker", err)
	_, err = c.DeleteUser(ctx, &mq.DeleteUserInput{BrokerId: b.BrokerId, Username: aws.String("app")})
	must("DeleteUser", err)

	_, err = c.CreateTags(ctx, &mq.CreateTagsInput{ResourceArn: b.BrokerArn, Tags: map[string]string{"team": "x"}})
	must("CreateTags", err)
	lt, err := c.ListTags(ctx, &mq.ListTagsInput{ResourceArn: b.BrokerArn})
	must("ListTags", err)
	if lt.Tags["team"] != "x" {
		t.Errorf("tags %v", lt.Tags)
	}
	_, err = c.DeleteTags(ctx, &mq.DeleteTagsInput{ResourceArn: b.BrokerArn, TagKeys: []string{"team"}})
	must("DeleteTags", err)

	replica, err := c.CreateBroker(ctx, &mq.CreateBrokerInput{BrokerName: aws.String("sdk-replica"), DeploymentMode: types.DeploymentModeSingleInstance,
		EngineType: types.EngineTypeActivemq, HostInstanceType: aws.String("mq.t3.micro"), PubliclyAccessible: aws.Bool(false),
		DataReplicationMode: types.DataReplicationModeCrdr, DataReplicationPrimaryBrokerArn: b.BrokerArn,
		Users: []types.User{{Username: aws.String("admin"), Password: aws.String("sdk-Passw0rd-123")}}})
	if err != nil {
		t.Fatalf("CreateBroker (replica): %v", err)
	}
	p, err := c.Promote(ctx, &mq.PromoteInput{BrokerId: replica.BrokerId, Mode: types.PromoteModeSwitchover})
	must("Promote", err)
	if *p.BrokerId != *replica.BrokerId {
		t.Errorf("promote answered %q", *p.BrokerId)
	}

	for _, id := range []*string{replica.BrokerId, b.BrokerId} {
		_, err = c.DeleteBroker(ctx, &mq.DeleteBrokerInput{BrokerId: id})
		must("DeleteBroker", err)
	}
	_, err = c.DescribeBroker(ctx, &mq.DescribeBrokerInput{BrokerId: b.BrokerId})
	var nf *types.NotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("describe deleted broker: %v", err)
	}
	_, err = c.DeleteConfiguration(ctx, &mq.DeleteConfigurationInput{ConfigurationId: cfg.Id})
	must("DeleteConfiguration", err)

	for _, op := range api.Operations {
		if !called[op.Name] && sdkHas(op) { // v1.34.24 cannot call the newer ones
			t.Errorf("%s was not exercised", op.Name)
		}
	}
}

// TestSDKDecodesDenial: a denial from the emulator reaches the SDK as code
// AccessDeniedException with AWS's message.
func TestSDKDecodesDenial(t *testing.T) {
	nobody := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/nobody", AccessKeyID: "AKIDNOBODY",
		SecretAccessKey: "nobody-secret-00000000000000000000000"}
	srv := mqtest.NewServer(t, mqtest.WithPrincipals(mqtest.DefaultPrincipal(), nobody))
	c := sdkFor(srv, nobody.AccessKeyID, nobody.SecretAccessKey, nil)
	_, err := c.ListBrokers(t.Context(), &mq.ListBrokersInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDeniedException" ||
		ae.ErrorMessage() != "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: mq:ListBrokers because no identity-based policy allows the mq:ListBrokers action" {
		t.Fatalf("got %v", err)
	}
}

// tamperer is an HTTP client that changes a request after the SDK signed it.
type tamperer struct{ mutate func(*http.Request) }

func (tp tamperer) Do(r *http.Request) (*http.Response, error) {
	tp.mutate(r)
	return http.DefaultClient.Do(r)
}

// TestTamperedRequestsRejected: a request changed after signing — body, a
// signed header, path, query or date — is rejected with
// InvalidSignatureException.
func TestTamperedRequestsRejected(t *testing.T) {
	srv := mqtest.NewServer(t, mqtest.WithBrokerCreateDelay(0))
	admin := sdkFor(srv, mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, nil)
	cfg, err := admin.CreateConfiguration(t.Context(), &mq.CreateConfigurationInput{Name: aws.String("t"), EngineType: types.EngineTypeActivemq})
	if err != nil {
		t.Fatal(err)
	}
	setBody := func(r *http.Request, b []byte) {
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.ContentLength = int64(len(b))
	}
	tests := map[string]struct {
		mutate func(*http.Request)
		call   func(context.Context, *mq.Client) error
	}{
		"body": {func(r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			setBody(r, bytes.Replace(b, []byte(`"t2"`), []byte(`"t3"`), 1))
		}, func(ctx context.Context, c *mq.Client) error {
			_, err := c.CreateConfiguration(ctx, &mq.CreateConfigurationInput{Name: aws.String("t2"), EngineType: types.EngineTypeActivemq})
			return err
		}},
		"signed header": {func(r *http.Request) { r.Header.Set("Amz-Sdk-Request", "attempt=9; max=9") }, listBrokers},
		"path": {func(r *http.Request) {
			r.URL.Path = strings.Replace(r.URL.Path, *cfg.Id, *cfg.Id+"x", 1)
			r.URL.RawPath = ""
		}, func(ctx context.Context, c *mq.Client) error {
			_, err := c.DescribeConfiguration(ctx, &mq.DescribeConfigurationInput{ConfigurationId: cfg.Id})
			return err
		}},
		"query": {func(r *http.Request) { r.URL.RawQuery = "maxResults=7" }, func(ctx context.Context, c *mq.Client) error {
			_, err := c.ListBrokers(ctx, &mq.ListBrokersInput{MaxResults: aws.Int32(5)})
			return err
		}},
		"date": {func(r *http.Request) {
			d := []byte(r.Header.Get("X-Amz-Date"))
			d[len(d)-2] = '0' + (d[len(d)-2]-'0'+1)%6
			r.Header.Set("X-Amz-Date", string(d))
		}, listBrokers},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c := sdkFor(srv, mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, tamperer{tc.mutate})
			err := tc.call(t.Context(), c)
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidSignatureException" {
				t.Fatalf("got %v", err)
			}
			if !strings.HasPrefix(ae.ErrorMessage(), "The request signature we calculated does not match") {
				t.Errorf("message %q", ae.ErrorMessage())
			}
		})
	}
}

func listBrokers(ctx context.Context, c *mq.Client) error {
	_, err := c.ListBrokers(ctx, &mq.ListBrokersInput{})
	return err
}
