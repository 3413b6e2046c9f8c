package enginetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// mqttClient is a connected MQTT client whose received messages arrive on
// msgs (by "topic: payload").
type mqttClient struct {
	mqtt.Client
	msgs chan string
}

// connectMQTT connects to the broker's mqtt+ssl endpoint as user, trusting
// the emulator's CA. With clean false the session (and its QoS 1
// subscriptions) is durable.
func connectMQTT(t *testing.T, srv *mqtest.Server, b *api.DescribeBrokerOutput, clientID, user, password string, clean bool) (*mqttClient, error) {
	t.Helper()
	ep := endpoint(t, b, "mqtt+ssl")
	msgs := make(chan string, 16)
	o := mqtt.NewClientOptions().AddBroker(ep).SetTLSConfig(tlsConfig(srv)).
		SetClientID(clientID).SetUsername(user).SetPassword(password).SetCleanSession(clean).
		SetAutoReconnect(false).SetConnectTimeout(10 * time.Second).
		SetDefaultPublishHandler(func(_ mqtt.Client, m mqtt.Message) { msgs <- m.Topic() + ": " + string(m.Payload()) })
	c := mqtt.NewClient(o)
	tok := c.Connect()
	if !tok.WaitTimeout(20 * time.Second) {
		return nil, fmt.Errorf("connect as %s: timed out", user)
	}
	if err := tok.Error(); err != nil {
		return nil, err
	}
	mc := &mqttClient{Client: c, msgs: msgs}
	t.Cleanup(func() { c.Disconnect(100) })
	return mc, nil
}

func (c *mqttClient) subscribe(t *testing.T, topic string) {
	t.Helper()
	tok := c.Subscribe(topic, 1, nil)
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("subscribe %s: %v", topic, tok.Error())
	}
}

func (c *mqttClient) publish(t *testing.T, topic, payload string) {
	t.Helper()
	tok := c.Publish(topic, 1, false, payload)
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("publish %s: %v", topic, tok.Error())
	}
}

// next returns the next message received within d, or "".
func (c *mqttClient) next(d time.Duration) string {
	select {
	case m := <-c.msgs:
		return m
	case <-time.After(d):
		return ""
	}
}

// canLogIn reports whether user can connect with password.
func canLogIn(t *testing.T, srv *mqtest.Server, b *api.DescribeBrokerOutput, user, password string) bool {
	t.Helper()
	c, err := connectMQTT(t, srv, b, "probe-"+user, user, password, true)
	if err != nil {
		return false
	}
	c.Disconnect(100)
	return true
}

// forwardConfig is an ActiveMQ configuration revision: messages sent to
// topic "in" are also forwarded to topic "out". Its transport connector,
// which the emulator owns, is dropped.
const forwardConfig = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<broker xmlns="http://activemq.apache.org/schema/core" schedulePeriodForDestinationPurge="10000">
  <destinationInterceptors>
    <virtualDestinationInterceptor>
      <virtualDestinations>
        <compositeTopic name="in" forwardOnly="false">
          <forwardTo><topic physicalName="out"/></forwardTo>
        </compositeTopic>
      </virtualDestinations>
    </virtualDestinationInterceptor>
  </destinationInterceptors>
  <transportConnectors>
    <transportConnector name="openwire" uri="tcp://0.0.0.0:61616"/>
  </transportConnectors>
</broker>
`

// TestActiveMQLifecycle runs an ActiveMQ broker through its life over MQTT
// with TLS: the users of CreateBroker log in with their passwords; a user
// created and one deleted through the API change nothing until RebootBroker
// and then log in and are refused; a configuration revision (a composite
// topic) takes effect at the reboot and not before; a QoS 1 message waiting
// for a durable session survives the reboot; the port closes once the
// broker is deleted.
func TestActiveMQLifecycle(t *testing.T) {
	srv, c := newServer(t)
	b := createBroker(t, c, &api.CreateBrokerInput{
		BrokerName: "events", EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro",
		Users: []api.User{
			{Username: "app", Password: "correct-horse-battery", Groups: []string{"apps"}},
			{Username: "leaver", Password: "leaving-soon-12345"},
		},
	})
	logRSS(t, srv, b.BrokerID)
	for _, scheme := range []string{"ssl", "stomp+ssl", "mqtt+ssl"} {
		if ep := endpoint(t, b, scheme); !strings.HasPrefix(ep, scheme+"://127.0.0.1:") {
			t.Fatalf("endpoint %s", ep)
		}
	}
	if canLogIn(t, srv, b, "app", "wrong-password-123") {
		t.Fatal("a wrong password was accepted")
	}
	app, err := connectMQTT(t, srv, b, "app-1", "app", "correct-horse-battery", true)
	if err != nil {
		t.Fatal(err)
	}
	app.subscribe(t, "orders/new")
	app.publish(t, "orders/new", "order 1")
	if got := app.next(10 * time.Second); got != "orders/new: order 1" {
		t.Fatalf("received %q", got)
	}
	app.subscribe(t, "out")

	// A durable session with a QoS 1 subscription, and a message waiting
	// for it.
	keeper, err := connectMQTT(t, srv, b, "keeper", "app", "correct-horse-battery", false)
	if err != nil {
		t.Fatal(err)
	}
	keeper.subscribe(t, "kept/t")
	keeper.Disconnect(250)
	app.publish(t, "kept/t", "survives the reboot")

	ctx := ctxFor(t, time.Minute)
	if _, err := c.CreateUser(ctx, &api.CreateUserInput{BrokerID: b.BrokerID, Username: "late", Password: "arrived-later-123", Groups: []string{"apps"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteUser(ctx, &api.DeleteUserInput{BrokerID: b.BrokerID, Username: "leaver"}); err != nil {
		t.Fatal(err)
	}
	cfgID, rev := configuration(t, c, api.EngineTypeActivemq, b.EngineVersion, forwardConfig)
	if _, err := c.UpdateBroker(ctx, &api.UpdateBrokerInput{BrokerID: b.BrokerID, Configuration: &api.ConfigurationID{ID: cfgID, Revision: rev}}); err != nil {
		t.Fatal(err)
	}
	// Nothing changes before the reboot.
	if canLogIn(t, srv, b, "late", "arrived-later-123") {
		t.Fatal("a created user logged in before the reboot")
	}
	if !canLogIn(t, srv, b, "leaver", "leaving-soon-12345") {
		t.Fatal("a deleted user was refused before the reboot")
	}
	app.publish(t, "in", "before")
	if got := app.next(time.Second); got != "" {
		t.Fatalf("the configuration took effect before the reboot: received %q", got)
	}
	app.Disconnect(100)

	b = reboot(t, c, b.BrokerID)
	if !canLogIn(t, srv, b, "late", "arrived-later-123") {
		t.Fatal("a user created through the API cannot log in after the reboot")
	}
	if canLogIn(t, srv, b, "leaver", "leaving-soon-12345") {
		t.Fatal("a user deleted through the API still logs in after the reboot")
	}
	keeper, err = connectMQTT(t, srv, b, "keeper", "app", "correct-horse-battery", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := keeper.next(10 * time.Second); got != "kept/t: survives the reboot" {
		t.Fatalf("durable session after the reboot received %q", got)
	}
	late, err := connectMQTT(t, srv, b, "late-1", "late", "arrived-later-123", true)
	if err != nil {
		t.Fatal(err)
	}
	late.subscribe(t, "out")
	late.publish(t, "in", "forwarded")
	if got := late.next(10 * time.Second); got != "out: forwarded" {
		t.Fatalf("the composite topic of the configuration: received %q", got)
	}
	late.Disconnect(100)
	keeper.Disconnect(100)

	ssl := hostPort(t, endpoint(t, b, "mqtt+ssl"))
	if _, err := c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: b.BrokerID}); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitBrokerDeleted(ctx, b.BrokerID, fastWait); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, ssl)
}
