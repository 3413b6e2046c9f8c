// Command quickstart runs a whole Amazon MQ broker lifecycle with the typed
// client against the embedded emulator, then shows what a call by a
// restricted principal looks like when IAM denies it. It needs no AWS
// account:
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// readOnly is the principal of the denial demo: it may only look.
var readOnly = mqtest.Principal{
	ARN:             "arn:aws:iam::123456789012:user/auditor",
	AccessKeyID:     "AKIDAUDITOR0EXAMPLE",
	SecretAccessKey: "auditor-secret-example-key-000000000000",
	IdentityPolicies: []json.RawMessage{json.RawMessage(`{
		"Version": "2012-10-17",
		"Statement": [{"Effect": "Allow", "Action": ["mq:Describe*", "mq:List*"], "Resource": "*"}]
	}`)},
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := quickstart(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func quickstart(ctx context.Context, w io.Writer) error {
	srv := mqtest.NewUnstartedServer(nil,
		mqtest.WithPrincipals(mqtest.DefaultPrincipal(), readOnly),
		mqtest.WithBrokerCreateDelay(time.Second))
	if err := srv.Start(); err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(w, "emulator listening on %s\n", srv.URL)

	admin, err := newClient(ctx, srv.URL, mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey)
	if err != nil {
		return err
	}
	if err := lifecycle(ctx, admin, w); err != nil {
		return err
	}
	auditor, err := newClient(ctx, srv.URL, readOnly.AccessKeyID, readOnly.SecretAccessKey)
	if err != nil {
		return err
	}
	return deniedCall(ctx, auditor, w)
}

func newClient(ctx context.Context, endpoint, key, secret string, opts ...client.Option) (*client.Client, error) {
	return client.New(ctx, append([]client.Option{
		client.WithRegion(mqtest.DefaultRegion),
		client.WithEndpoint(endpoint),
		client.WithCredentials(credentials.NewStaticCredentialsProvider(key, secret, "")),
	}, opts...)...)
}

// lifecycle creates a configuration and a broker, waits until the broker
// runs, adds a user, tags it, lists brokers, reboots and deletes it.
func lifecycle(ctx context.Context, c *client.Client, w io.Writer) error {
	step := func(format string, args ...any) { fmt.Fprintf(w, "  "+format+"\n", args...) }
	wait := &client.WaitOptions{MinDelay: 200 * time.Millisecond, MaxDelay: time.Second}

	cfg, err := c.CreateConfiguration(ctx, &api.CreateConfigurationInput{
		Name: "quickstart-config", EngineType: api.EngineTypeActivemq, EngineVersion: "5.18",
	})
	if err != nil {
		return fmt.Errorf("create configuration: %w", err)
	}
	step("created configuration %s (revision %d)", cfg.ID, cfg.LatestRevision.Revision)

	data := base64.StdEncoding.EncodeToString([]byte(`<broker xmlns="http://activemq.apache.org/schema/core" schedulePeriodForDestinationPurge="10000"/>`))
	rev, err := c.UpdateConfiguration(ctx, &api.UpdateConfigurationInput{ConfigurationID: cfg.ID, Data: data,
		Description: "purge inactive destinations"})
	if err != nil {
		return fmt.Errorf("update configuration: %w", err)
	}
	step("updated configuration %s to revision %d", cfg.ID, rev.LatestRevision.Revision)

	broker, err := c.CreateBroker(ctx, &api.CreateBrokerInput{
		BrokerName:         "quickstart-broker",
		EngineType:         api.EngineTypeActivemq,
		EngineVersion:      "5.18",
		DeploymentMode:     api.DeploymentModeSingleInstance,
		HostInstanceType:   "mq.t3.micro",
		PubliclyAccessible: aws.Bool(false),
		Configuration:      &api.ConfigurationID{ID: cfg.ID, Revision: rev.LatestRevision.Revision},
		Users:              []api.User{{Username: "admin", Password: "quickstart-Passw0rd"}},
		Tags:               map[string]string{"env": "dev"},
	})
	if err != nil {
		return fmt.Errorf("create broker: %w", err)
	}
	step("created broker %s", broker.BrokerID)

	running, err := c.WaitBrokerRunning(ctx, broker.BrokerID, wait)
	if err != nil {
		return fmt.Errorf("wait for broker: %w", err)
	}
	step("broker %s is %s; console %s", running.BrokerName, running.BrokerState, running.BrokerInstances[0].ConsoleURL)

	if _, err := c.CreateUser(ctx, &api.CreateUserInput{BrokerID: broker.BrokerID, Username: "app-user",
		Password: "app-user-Passw0rd", Groups: []string{"producers"}}); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	users, err := c.ListUsers(ctx, &api.ListUsersInput{BrokerID: broker.BrokerID})
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	for _, u := range users.Users {
		step("user %s (pending change: %q)", u.Username, u.PendingChange)
	}

	if _, err := c.CreateTags(ctx, &api.CreateTagsInput{ResourceARN: broker.BrokerARN,
		Tags: map[string]string{"team": "payments"}}); err != nil {
		return fmt.Errorf("tag broker: %w", err)
	}
	tags, err := c.ListTags(ctx, &api.ListTagsInput{ResourceARN: broker.BrokerARN})
	if err != nil {
		return fmt.Errorf("list tags: %w", err)
	}
	step("tags: env=%s team=%s", tags.Tags["env"], tags.Tags["team"])

	for b, err := range c.ListBrokersAll(ctx, nil) {
		if err != nil {
			return fmt.Errorf("list brokers: %w", err)
		}
		step("listed broker %s: %s, %s", b.BrokerName, b.BrokerState, b.EngineType)
	}

	if _, err := c.RebootBroker(ctx, &api.RebootBrokerInput{BrokerID: broker.BrokerID}); err != nil {
		return fmt.Errorf("reboot: %w", err)
	}
	if _, err := c.WaitBrokerRebooted(ctx, broker.BrokerID, wait); err != nil {
		return fmt.Errorf("wait for reboot: %w", err)
	}
	user, err := c.DescribeUser(ctx, &api.DescribeUserInput{BrokerID: broker.BrokerID, Username: "app-user"})
	if err != nil {
		return fmt.Errorf("describe user: %w", err)
	}
	step("rebooted; user %s now active in groups %v", user.Username, user.Groups)

	if _, err := c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: broker.BrokerID}); err != nil {
		return fmt.Errorf("delete broker: %w", err)
	}
	if err := c.WaitBrokerDeleted(ctx, broker.BrokerID, wait); err != nil {
		return fmt.Errorf("wait for deletion: %w", err)
	}
	step("deleted broker %s", broker.BrokerID)

	if _, err := c.DeleteConfiguration(ctx, &api.DeleteConfigurationInput{ConfigurationID: cfg.ID}); err != nil {
		return fmt.Errorf("delete configuration: %w", err)
	}
	step("deleted configuration %s", cfg.ID)
	return nil
}

// deniedCall shows what mqrest says when IAM denies a call.
func deniedCall(ctx context.Context, c *client.Client, w io.Writer) error {
	fmt.Fprintln(w, "a read-only principal tries to create a configuration:")
	_, err := c.CreateConfiguration(ctx, &api.CreateConfigurationInput{Name: "not-allowed", EngineType: api.EngineTypeRabbitmq})
	var denied *client.AccessDeniedError
	if !errors.As(err, &denied) {
		return fmt.Errorf("expected an access-denied error, got %v", err)
	}
	fmt.Fprintf(w, "  %v\n", denied)
	fmt.Fprintf(w, "  missing action: %s on %s (%s deny by %s)\n", denied.Action, denied.Resource, denied.Deny, denied.PolicyType)
	fmt.Fprintf(w, "  fix: %s\n", denied.Fix())
	return nil
}
