package enginetest

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/mqrest/mqrest/api"
	mqclient "github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// buildMqctl builds mqctl (of this repository) into a temporary directory.
func buildMqctl(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mqctl")
	build := exec.Command("go", "build", "-o", bin, "./cmd/mqctl")
	build.Dir = "../.." // the main module, whose go.sum has mqctl's dependencies
	out, err := build.CombinedOutput()
	if err != nil {
		t.Fatalf("go build mqctl: %v\n%s", err, out)
	}
	return bin
}

// serveProc is a running `mqctl serve --engines`.
type serveProc struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
}

// startServe runs `mqctl serve --engines` with args and waits for its
// "listening on" line.
func startServe(t *testing.T, bin string, args ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0", "--engines", "--broker-create-delay", "0"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	if !sc.Scan() {
		_ = cmd.Wait()
		t.Fatalf("serve printed nothing; stderr:\n%s", stderr.String())
	}
	url, ok := strings.CutPrefix(sc.Text(), "listening on ")
	if !ok {
		t.Fatalf("first line %q", sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	t.Logf("mqctl serve --engines %s: listening after %v", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	return &serveProc{cmd: cmd, url: url, stderr: &stderr}
}

// client returns a client for the serve process as its default principal.
func (s *serveProc) client(t *testing.T) *mqclient.Client {
	t.Helper()
	c, err := mqclient.NewFromConfig(aws.Config{
		Region:       mqtest.DefaultRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(mqtest.DefaultAccessKeyID, mqtest.DefaultSecretAccessKey, ""),
		BaseEndpoint: aws.String(s.url),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// enginePIDs lists the processes of the engines whose data directory is
// dir (marked by MQTEST_ENGINES in their environment).
func enginePIDs(t *testing.T, dir string) []int {
	t.Helper()
	mark := []byte("MQTEST_ENGINES=" + dir + "\x00")
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err == nil && bytes.Contains(env, mark) {
			if st, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); err == nil && strings.Contains(string(st), ") Z ") {
				continue // a zombie waiting for its parent is gone already
			}
			pids = append(pids, pid)
		}
	}
	return pids
}

// waitNoEngines waits, up to 30 s, until no engine process of dir is left.
func waitNoEngines(t *testing.T, dir, after string) {
	t.Helper()
	start := time.Now()
	for {
		pids := enginePIDs(t, dir)
		if len(pids) == 0 {
			t.Logf("no engine process left %v after %s", time.Since(start).Round(time.Millisecond), after)
			return
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("engine processes %v outlived %s", pids, after)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestServeEngines drives `mqctl serve --engines` as a user would: the CA
// written by --engine-ca is what an AMQP client trusts; SIGTERM stops the
// engines; a restart with --state starts the engine of the RUNNING broker
// again with its data (a persistent message is still there); and after
// SIGKILL of serve no engine process survives.
func TestServeEngines(t *testing.T) {
	bin := buildMqctl(t)
	dir := t.TempDir()
	state, engines, caFile := filepath.Join(dir, "state.json"), filepath.Join(dir, "engines"), filepath.Join(dir, "ca.pem")
	args := []string{"--state", state, "--engine-dir", engines, "--engine-ca", caFile}

	s := startServe(t, bin, args...)
	c := s.client(t)
	b := createBroker(t, c, &api.CreateBrokerInput{
		BrokerName: "orders", EngineType: api.EngineTypeRabbitmq, HostInstanceType: "mq.m5.large",
		Users: []api.User{{Username: "admin", Password: "correct-horse-battery"}},
	})
	amqps := endpoint(t, b, "amqps")
	conn := dialWithCAFile(t, caFile, amqps)
	publishPersistent(t, conn, "work", "kept across serve restarts")
	conn.Close()
	if len(enginePIDs(t, engines)) == 0 {
		t.Fatal("no engine process found")
	}

	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, s.stderr)
	}
	waitNoEngines(t, engines, "SIGTERM")
	waitClosed(t, hostPort(t, amqps))

	s = startServe(t, bin, args...) // returns once the engine is RUNNING again
	c = s.client(t)
	ctx := ctxFor(t, time.Minute)
	d, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: b.BrokerID})
	if err != nil {
		t.Fatal(err)
	}
	if d.BrokerState != api.BrokerStateRunning || endpoint(t, d, "amqps") != amqps {
		t.Fatalf("after the restart: %s at %v, want RUNNING at %s", d.BrokerState, d.BrokerInstances, amqps)
	}
	conn = dialWithCAFile(t, caFile, amqps) // the new CA, written again
	if got := getOne(t, conn, "work"); got != "kept across serve restarts" {
		t.Fatalf("after the restart got %q", got)
	}
	conn.Close()

	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Wait()
	waitNoEngines(t, engines, "SIGKILL of serve")
	waitClosed(t, hostPort(t, amqps))
}

// dialWithCAFile connects to an amqps endpoint as admin, trusting only the
// CA certificate in file.
func dialWithCAFile(t *testing.T, file, endpoint string) *amqp.Connection {
	t.Helper()
	pem, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("%s holds no certificate", file)
	}
	conn, err := amqp.DialTLS(fmt.Sprintf("amqps://admin:correct-horse-battery@%s/", hostPort(t, endpoint)), &tls.Config{RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	return conn
}
