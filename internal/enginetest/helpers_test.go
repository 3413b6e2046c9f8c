package enginetest

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	mqclient "github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// newServer starts an emulator with engines and a client for it; the
// engine log lines go to the test log.
func newServer(t *testing.T, opts ...mqtest.Option) (*mqtest.Server, *mqclient.Client) {
	t.Helper()
	opts = append([]mqtest.Option{mqtest.WithEngines(mqtest.EngineOptions{}), mqtest.WithBrokerCreateDelay(0),
		mqtest.WithLogger(testLogger(t))}, opts...)
	srv := mqtest.NewServer(t, opts...)
	c, err := mqclient.NewFromConfig(srv.AWSConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("engines installed: %v (the API's versions: RabbitMQ 3.13/4.2, ActiveMQ 5.18/5.19)", srv.EngineVersions())
	t.Cleanup(func() { dumpLogs(t, srv) })
	return srv, c
}

// dumpLogs puts the end of each engine's logs in the log of a failed test.
func dumpLogs(t *testing.T, srv *mqtest.Server) {
	if !t.Failed() {
		return
	}
	for _, pattern := range []string{"*/engine.log", "*/data/activemq.log", "*/log/rabbit.log"} {
		files, _ := filepath.Glob(filepath.Join(srv.EngineDir(""), pattern))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if len(b) > 6000 {
				b = b[len(b)-6000:]
			}
			t.Logf("--- %s (end):\n%s", f, b)
		}
	}
}

// ctxFor returns a context bounded by d and the test.
func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

// fastWait polls every 100-500 ms in real time.
var fastWait = &mqclient.WaitOptions{MinDelay: 100 * time.Millisecond, MaxDelay: 500 * time.Millisecond}

// createBroker creates a broker and waits until it is RUNNING, logging how
// long its engine took.
func createBroker(t *testing.T, c *mqclient.Client, in *api.CreateBrokerInput) *api.DescribeBrokerOutput {
	t.Helper()
	ctx := ctxFor(t, 3*time.Minute)
	if in.DeploymentMode == "" {
		in.DeploymentMode = api.DeploymentModeSingleInstance
	}
	if in.PubliclyAccessible == nil {
		in.PubliclyAccessible = aws.Bool(false)
	}
	start := time.Now()
	out, err := c.CreateBroker(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: out.BrokerID})
	if err != nil {
		t.Fatal(err)
	}
	if d.BrokerState != api.BrokerStateCreationInProgress {
		t.Fatalf("state right after CreateBroker = %s, want CREATION_IN_PROGRESS (the engine cannot be up yet)", d.BrokerState)
	}
	b, err := c.WaitBrokerRunning(ctx, out.BrokerID, fastWait)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("broker %s (%s %s): RUNNING %v after CreateBroker", b.BrokerID, b.EngineType, b.EngineVersion, time.Since(start).Round(time.Millisecond))
	return b
}

// reboot reboots a broker and waits until it is RUNNING again.
func reboot(t *testing.T, c *mqclient.Client, id string) *api.DescribeBrokerOutput {
	t.Helper()
	ctx := ctxFor(t, 3*time.Minute)
	start := time.Now()
	if _, err := c.RebootBroker(ctx, &api.RebootBrokerInput{BrokerID: id}); err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: id})
	if err != nil {
		t.Fatal(err)
	}
	if d.BrokerState != api.BrokerStateRebootInProgress {
		t.Fatalf("state right after RebootBroker = %s, want REBOOT_IN_PROGRESS", d.BrokerState)
	}
	b, err := c.WaitBrokerRunning(ctx, id, fastWait)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("broker %s: RUNNING again %v after RebootBroker", id, time.Since(start).Round(time.Millisecond))
	return b
}

// endpoint returns the broker's endpoint with the scheme.
func endpoint(t *testing.T, b *api.DescribeBrokerOutput, scheme string) string {
	t.Helper()
	if len(b.BrokerInstances) != 1 {
		t.Fatalf("brokerInstances = %+v, want one", b.BrokerInstances)
	}
	for _, e := range b.BrokerInstances[0].Endpoints {
		if strings.HasPrefix(e, scheme+"://") {
			return e
		}
	}
	t.Fatalf("no %s endpoint in %v", scheme, b.BrokerInstances[0].Endpoints)
	return ""
}

// hostPort returns the host:port of an endpoint URL.
func hostPort(t *testing.T, endpoint string) string {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// tlsConfig trusts only the emulator's engine CA.
func tlsConfig(srv *mqtest.Server) *tls.Config {
	return &tls.Config{RootCAs: srv.EngineCA(), MinVersion: tls.VersionTLS12}
}

// configuration creates a configuration for the engine with data as its
// first revision's... (CreateConfiguration makes a default revision 1; the
// data goes in revision 2) and returns its ID and that revision.
func configuration(t *testing.T, c *mqclient.Client, e api.EngineType, version, data string) (string, int32) {
	t.Helper()
	ctx := ctxFor(t, time.Minute)
	cc, err := c.CreateConfiguration(ctx, &api.CreateConfigurationInput{Name: "cfg-" + strings.ToLower(string(e)), EngineType: e, EngineVersion: version})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.UpdateConfiguration(ctx, &api.UpdateConfigurationInput{ConfigurationID: cc.ID, Data: base64.StdEncoding.EncodeToString([]byte(data))})
	if err != nil {
		t.Fatal(err)
	}
	return cc.ID, u.LatestRevision.Revision
}

// waitClosed waits, up to 10 s, until nothing accepts connections on addr.
func waitClosed(t *testing.T, addr string) {
	t.Helper()
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return
		}
		c.Close()
		if i == 100 {
			t.Fatalf("%s still accepts connections", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// logRSS logs the resident memory of the broker's engine (its process
// group), idle after a pause.
func logRSS(t *testing.T, srv *mqtest.Server, id string) {
	t.Helper()
	time.Sleep(2 * time.Second)
	t.Logf("broker %s: idle engine RSS %d MiB", id, srv.EngineRSS(id)>>20)
}
