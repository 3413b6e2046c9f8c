package enginetest

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// dialAMQP connects to the broker's amqps endpoint as user, trusting the
// emulator's CA.
func dialAMQP(t *testing.T, srv *mqtest.Server, b *api.DescribeBrokerOutput, user, password string) (*amqp.Connection, error) {
	t.Helper()
	u, err := url.Parse(endpoint(t, b, "amqps"))
	if err != nil {
		t.Fatal(err)
	}
	u.User, u.Path = url.UserPassword(user, password), "/"
	return amqp.DialConfig(u.String(), amqp.Config{TLSClientConfig: tlsConfig(srv), Heartbeat: 10 * time.Second})
}

// publishPersistent publishes a persistent message to a durable queue and
// waits for the broker's confirm.
func publishPersistent(t *testing.T, conn *amqp.Connection, queue, body string) {
	t.Helper()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	if _, err := ch.QueueDeclare(queue, true, false, false, false, nil); err != nil {
		t.Fatal(err)
	}
	if err := ch.Confirm(false); err != nil {
		t.Fatal(err)
	}
	ctx := ctxFor(t, 30*time.Second)
	dc, err := ch.PublishWithDeferredConfirmWithContext(ctx, "", queue, false, false,
		amqp.Publishing{DeliveryMode: amqp.Persistent, ContentType: "text/plain", Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := dc.WaitContext(ctx); err != nil || !ok {
		t.Fatalf("publish confirm: ok %v, err %v", ok, err)
	}
}

// getOne takes one message from the queue.
func getOne(t *testing.T, conn *amqp.Connection, queue string) string {
	t.Helper()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	for range 50 {
		m, ok, err := ch.Get(queue, true)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return string(m.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("queue %s: no message", queue)
	return ""
}

// checkConsole checks the broker's console URL: RabbitMQ's management API
// over TLS, which knows the administrator (and refuses a wrong password).
func checkConsole(t *testing.T, srv *mqtest.Server, b *api.DescribeBrokerOutput, user, password string) {
	t.Helper()
	console := b.BrokerInstances[0].ConsoleURL
	if !strings.HasPrefix(console, "https://127.0.0.1:") {
		t.Fatalf("console URL %q", console)
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsConfig(srv)}, Timeout: 10 * time.Second}
	for _, tt := range []struct {
		password string
		status   int
	}{{password, http.StatusOK}, {"wrong-password-123", http.StatusUnauthorized}} {
		req, _ := http.NewRequest(http.MethodGet, console+"/api/whoami", nil)
		req.SetBasicAuth(user, tt.password)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Fatalf("console /api/whoami: %d %s, want %d", resp.StatusCode, body, tt.status)
		}
		if tt.status == http.StatusOK && !strings.Contains(string(body), `"administrator"`) {
			t.Fatalf("whoami %s: not an administrator", body)
		}
	}
}

// adminPassword holds characters that rabbitmq.conf and URLs do not take
// as they are.
const adminPassword = `correct#horse "battery" \ 42`

// TestRabbitMQLifecycle runs a RabbitMQ broker through its life: created
// RUNNING only once the engine accepts AMQP over TLS, messages exchanged as
// the administrator of CreateBroker (and refused to a wrong password), a
// configuration revision (channel_max) that takes effect at the reboot and
// not before, a persistent message kept across the reboot, and the port
// closed once the broker is deleted.
func TestRabbitMQLifecycle(t *testing.T) {
	srv, c := newServer(t)
	b := createBroker(t, c, &api.CreateBrokerInput{
		BrokerName: "orders", EngineType: api.EngineTypeRabbitmq, HostInstanceType: "mq.m5.large",
		Users: []api.User{{Username: "admin", Password: adminPassword}},
	})
	logRSS(t, srv, b.BrokerID)
	amqps := endpoint(t, b, "amqps")
	if want := "amqps://127.0.0.1:"; !strings.HasPrefix(amqps, want) {
		t.Fatalf("endpoint %s, want %s<port>", amqps, want)
	}

	checkConsole(t, srv, b, "admin", adminPassword)
	if _, err := dialAMQP(t, srv, b, "admin", "wrong-password-123"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	conn, err := dialAMQP(t, srv, b, "admin", adminPassword)
	if err != nil {
		t.Fatal(err)
	}
	defaultChannelMax := conn.Config.ChannelMax
	publishPersistent(t, conn, "work", "hello")
	if got := getOne(t, conn, "work"); got != "hello" {
		t.Fatalf("got %q, want hello", got)
	}
	publishPersistent(t, conn, "work", "kept across the reboot")
	conn.Close()

	cfgID, rev := configuration(t, c, api.EngineTypeRabbitmq, b.EngineVersion,
		"# fewer channels per connection\nchannel_max = 7\n# the emulator keeps its listeners\nlisteners.ssl.default = 5671\n")
	ctx := ctxFor(t, time.Minute)
	if _, err := c.UpdateBroker(ctx, &api.UpdateBrokerInput{BrokerID: b.BrokerID, Configuration: &api.ConfigurationID{ID: cfgID, Revision: rev}}); err != nil {
		t.Fatal(err)
	}
	conn, err = dialAMQP(t, srv, b, "admin", adminPassword)
	if err != nil {
		t.Fatal(err)
	}
	if conn.Config.ChannelMax == 7 {
		t.Fatal("channel_max 7 took effect before the reboot")
	}
	conn.Close()

	b = reboot(t, c, b.BrokerID)
	if got := endpoint(t, b, "amqps"); got != amqps {
		t.Fatalf("endpoint after reboot %s, want %s", got, amqps)
	}
	if cur := b.Configurations.Current; cur == nil || cur.ID != cfgID || cur.Revision != rev {
		t.Fatalf("current configuration %+v, want %s revision %d", cur, cfgID, rev)
	}
	conn, err = dialAMQP(t, srv, b, "admin", adminPassword)
	if err != nil {
		t.Fatal(err)
	}
	if conn.Config.ChannelMax != 7 {
		t.Fatalf("channel_max after the reboot = %d, want 7 (was %d)", conn.Config.ChannelMax, defaultChannelMax)
	}
	if got := getOne(t, conn, "work"); got != "kept across the reboot" {
		t.Fatalf("after reboot got %q", got)
	}
	conn.Close()

	if _, err := c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: b.BrokerID}); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitBrokerDeleted(ctx, b.BrokerID, fastWait); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, hostPort(t, amqps))
	if _, err := dialAMQP(t, srv, b, "admin", adminPassword); err == nil {
		t.Fatal("connected to a deleted broker")
	} else if errors.Is(err, amqp.ErrCredentials) {
		t.Fatalf("a deleted broker still answers AMQP: %v", err)
	}
}
