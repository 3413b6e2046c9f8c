package enginetest

import (
	"crypto/tls"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// TestREADMEOrdersOverAMQP is the README's example, as written there
// (TestREADMECode checks that the README shows it unchanged).
func TestREADMEOrdersOverAMQP(t *testing.T) {
	srv := mqtest.NewServer(t, mqtest.WithEngines(mqtest.EngineOptions{})) // a real RabbitMQ per RABBITMQ broker
	c, err := client.NewFromConfig(srv.AWSConfig())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	out, err := c.CreateBroker(ctx, &api.CreateBrokerInput{
		BrokerName: "orders", EngineType: api.EngineTypeRabbitmq, DeploymentMode: api.DeploymentModeSingleInstance,
		HostInstanceType: "mq.m5.large", PubliclyAccessible: aws.Bool(false),
		Users: []api.User{{Username: "admin", Password: "correct-horse-battery"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// RUNNING once RabbitMQ accepts TLS connections.
	b, err := c.WaitBrokerRunning(ctx, out.BrokerID, &client.WaitOptions{MinDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(b.BrokerInstances[0].Endpoints[0]) // amqps://127.0.0.1:PORT
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("admin", "correct-horse-battery")
	conn, err := amqp.DialTLS(u.String(), &tls.Config{RootCAs: srv.EngineCA()}) // trust the emulator's CA
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	q, err := ch.QueueDeclare("orders", true, false, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := ch.Consume(q.Name, "", true, false, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.PublishWithContext(ctx, "", q.Name, false, false, amqp.Publishing{Body: []byte("order 1")}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-msgs:
		if string(m.Body) != "order 1" {
			t.Fatalf("received %q", m.Body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no message")
	}
}
