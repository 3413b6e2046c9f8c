package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"go.uber.org/goleak"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// Load parameters. MQREST_LOAD_SECONDS (`make soak` runs 60) and
// MQREST_LOAD_REQUESTS bound the run in time and count; with
// MQREST_LOAD_MIN_REQUESTS (`make soak`: 100000) a run that has sent fewer
// when its time is up goes on until it has, for at most ten times its
// time. The defaults keep `make test` fast.
const (
	loadClients         = 32
	loadDefaultSeconds  = 2
	loadDefaultRequests = 1_000_000
	loadMaxRSSGrowthMB  = 64
	loadMaxBrokers      = 4 // per client
	loadMaxConfigs      = 2 // per client
	loadJunkBody        = 256 << 10
)

// TestServeLoad runs 32 clients of mixed operations against a real `mqctl
// serve` process with a state file: the broker, configuration, user and tag
// operations, the catalog, listings, and rejected requests (unsigned
// 256 KiB bodies to a wrong path, forged signatures). It reports
// throughput, p50/p99 latency, the server's RSS growth (VmRSS of
// /proc/PID/status) and errors, checks that every acknowledged creation and
// deletion holds, also after a restart on the state file, and prints one
// zero-loss line. The RSS growth must stay under 64 MB.
func TestServeLoad(t *testing.T) {
	seconds := loadEnv(t, "MQREST_LOAD_SECONDS", loadDefaultSeconds)
	maxRequests := loadEnv(t, "MQREST_LOAD_REQUESTS", loadDefaultRequests)
	minRequests := min(maxRequests, loadEnv(t, "MQREST_LOAD_MIN_REQUESTS", 1))
	baseline := goleak.IgnoreCurrent()

	state := filepath.Join(t.TempDir(), "state.db")
	srv := startLoadServe(t, state)
	rssStart := vmRSS(t, srv.cmd.Process.Pid)

	var next atomic.Int64
	workers := make([]*loadWorker, loadClients)
	// Operations run to their end on ctx; the deadline stops starting new
	// ones, so that no acknowledgement is cut off.
	ctx := t.Context()
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	hardDeadline := time.Now().Add(10 * time.Duration(seconds) * time.Second)
	more := func() bool {
		now := time.Now()
		return (now.Before(deadline) || next.Load() < int64(minRequests)) && now.Before(hardDeadline) &&
			next.Add(1) <= int64(maxRequests)
	}
	var wg sync.WaitGroup
	var rssMax atomic.Int64
	rssMax.Store(rssStart)
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopSampling:
				return
			case <-tick.C:
				if v, err := readRSS(srv.cmd.Process.Pid); err == nil && v > rssMax.Load() {
					rssMax.Store(v)
				}
			}
		}
	}()
	start := time.Now()
	for i := range workers {
		w := newLoadWorker(t, srv.url, i)
		workers[i] = w
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					w.panics++
					w.fail(fmt.Errorf("panic: %v", r))
				}
			}()
			for more() {
				w.step(ctx)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stopSampling)
	<-sampled
	rssEnd := vmRSS(t, srv.cmd.Process.Pid)

	var lat []time.Duration
	var requests, errs, panics int
	var firstErrs []string
	for _, w := range workers {
		lat = append(lat, w.lat...)
		requests += len(w.lat)
		errs += w.errors
		panics += w.panics
		firstErrs = append(firstErrs, w.errs...)
	}
	duplicates, lost := loadAudit(t, stateClient(t, srv.url), workers)
	if code := srv.stop(t, os.Interrupt); code != 0 {
		t.Errorf("serve exited %d", code)
	}
	if strings.Contains(srv.stderr.String(), "panic") {
		panics++
		t.Errorf("serve panicked:\n%s", srv.stderr.String())
	}
	// The state file holds what was acknowledged.
	again := startLoadServe(t, state)
	d2, l2 := loadAudit(t, stateClient(t, again.url), workers)
	duplicates, lost = duplicates+d2, lost+l2
	again.stop(t, os.Interrupt)
	for _, w := range workers {
		w.close()
	}
	leaked := 0
	if err := goleak.Find(baseline); err != nil {
		leaked = max(1, strings.Count(err.Error(), "on top of the stack"))
		t.Errorf("leaked goroutines: %v", err)
	}

	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	growth := float64(rssEnd-rssStart) / 1024
	fmt.Printf("load: clients=%d seconds=%.1f requests=%d throughput=%.0f/s p50=%s p99=%s errors=%d rss_start=%.1fMB rss_end=%.1fMB rss_max=%.1fMB rss_growth=%.1fMB\n",
		loadClients, elapsed.Seconds(), requests, float64(requests)/elapsed.Seconds(), pct(0.50).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), errs, float64(rssStart)/1024, float64(rssEnd)/1024, float64(rssMax.Load())/1024, growth)
	fmt.Printf("load: duplicates=%d lost=%d panics=%d leaked=%d\n", duplicates, lost, panics, leaked)
	for i, e := range firstErrs {
		if i == 10 {
			break
		}
		t.Errorf("error: %s", e)
	}
	if errs != 0 || duplicates != 0 || lost != 0 || panics != 0 || leaked != 0 {
		t.Errorf("errors=%d duplicates=%d lost=%d panics=%d leaked=%d, want 0", errs, duplicates, lost, panics, leaked)
	}
	if growth >= loadMaxRSSGrowthMB {
		t.Errorf("the server's RSS grew by %.1f MB over %d requests, want under %d MB", growth, requests, loadMaxRSSGrowthMB)
	}
	if requests < minRequests {
		t.Errorf("%d requests sent in %s, want at least %d", requests, elapsed.Round(time.Second), minRequests)
	}
}

func loadEnv(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// loadServe is a `mqctl serve` process whose stderr is kept.
type loadServe struct {
	*server
	stderr *bytes.Buffer
}

// startLoadServe runs `mqctl serve --quiet --state state` with instant
// lifecycles, keeping its stderr (where a panic would show).
func startLoadServe(t *testing.T, state string) *loadServe {
	t.Helper()
	return startServeProcess(t, nil, binary, "--state", state, "--broker-create-delay", "0")
}

// startServeProcess runs `exe serve --listen 127.0.0.1:0 --quiet args...`
// with the extra environment, keeping its stderr, and reads the address.
func startServeProcess(t *testing.T, env []string, exe string, args ...string) *loadServe {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	cmd := exec.CommandContext(ctx, exe, append([]string{"serve", "--listen", "127.0.0.1:0", "--quiet"}, args...)...)
	cmd.Env = append(newCLI(t).env, env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &bytes.Buffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, stdout: bufio.NewScanner(out), cancel: cancel}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		cancel()
	})
	if !s.stdout.Scan() {
		t.Fatalf("serve printed nothing: %v; stderr %s", s.stdout.Err(), stderr)
	}
	url, ok := strings.CutPrefix(s.stdout.Text(), "listening on ")
	if !ok {
		t.Fatalf("first line %q", s.stdout.Text())
	}
	s.url = url
	return &loadServe{server: s, stderr: stderr}
}

// vmRSS returns the VmRSS of a process in KiB.
func vmRSS(t *testing.T, pid int) int64 {
	t.Helper()
	v, err := readRSS(pid)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func readRSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, errors.New("no VmRSS")
}

// loadWorker is one client of the load: it works on its own brokers and
// configurations only, so every operation it sends must succeed (or, for
// the rejected requests, fail as it must).
type loadWorker struct {
	id      int
	url     string
	c       *client.Client
	hc      *http.Client
	rng     *rand.Rand
	brokers []*api.CreateBrokerOutput // live, acknowledged
	configs []string                  // live, acknowledged
	deleted []string                  // acknowledged deletions
	created []string                  // every ID acknowledged as created
	seq     int

	lat    []time.Duration
	errors int
	errs   []string
	panics int
}

func newLoadWorker(t *testing.T, url string, id int) *loadWorker {
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: time.Minute}
	cfg := aws.Config{Region: "us-east-1", Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret}, nil
	})}
	c, err := client.NewFromConfig(cfg, client.WithEndpoint(url), client.WithMaxAttempts(1), client.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	return &loadWorker{id: id, url: url, c: c, hc: hc, rng: rand.New(rand.NewPCG(14, uint64(id)))}
}

func (w *loadWorker) close() { w.hc.CloseIdleConnections() }

func (w *loadWorker) fail(err error) {
	w.errors++
	if len(w.errs) < 3 {
		w.errs = append(w.errs, fmt.Sprintf("client %d: %v", w.id, err))
	}
}

// loadOps are the operations of the load with their weights.
var loadOps = []struct {
	weight int
	run    func(w *loadWorker, ctx context.Context) error
}{
	{20, (*loadWorker).describeBroker},
	{8, func(w *loadWorker, ctx context.Context) error {
		_, err := w.c.ListBrokers(ctx, &api.ListBrokersInput{MaxResults: 20})
		return err
	}},
	{8, func(w *loadWorker, ctx context.Context) error {
		_, err := w.c.DescribeBrokerEngineTypes(ctx, &api.DescribeBrokerEngineTypesInput{})
		return err
	}},
	{10, (*loadWorker).createOrDeleteBroker},
	{5, (*loadWorker).deleteBroker},
	{5, func(w *loadWorker, ctx context.Context) error {
		return w.onBroker(ctx, func(b *api.CreateBrokerOutput) error {
			_, err := w.c.UpdateBroker(ctx, &api.UpdateBrokerInput{BrokerID: b.BrokerID, AutoMinorVersionUpgrade: aws.Bool(true), // must stay true on 5.18+
				MaintenanceWindowStartTime: &api.WeeklyStartTime{DayOfWeek: api.DayOfWeekMonday, TimeOfDay: fmt.Sprintf("%02d:00", w.rng.IntN(24)), TimeZone: "UTC"}})
			return err
		})
	}},
	{5, func(w *loadWorker, ctx context.Context) error {
		return w.onBroker(ctx, func(b *api.CreateBrokerOutput) error {
			_, err := w.c.RebootBroker(ctx, &api.RebootBrokerInput{BrokerID: b.BrokerID})
			return err
		})
	}},
	{5, func(w *loadWorker, ctx context.Context) error {
		return w.onBroker(ctx, func(b *api.CreateBrokerOutput) error {
			name := fmt.Sprintf("user%d", w.rng.IntN(3))
			_, err := w.c.CreateUser(ctx, &api.CreateUserInput{BrokerID: b.BrokerID, Username: name, Password: "passwordpassword1"})
			var ae *client.APIError
			if errors.As(err, &ae) && ae.StatusCode == http.StatusConflict {
				_, err = w.c.DeleteUser(ctx, &api.DeleteUserInput{BrokerID: b.BrokerID, Username: name})
			}
			return err
		})
	}},
	{5, func(w *loadWorker, ctx context.Context) error {
		return w.onBroker(ctx, func(b *api.CreateBrokerOutput) error {
			_, err := w.c.ListUsers(ctx, &api.ListUsersInput{BrokerID: b.BrokerID})
			return err
		})
	}},
	{5, func(w *loadWorker, ctx context.Context) error {
		return w.onBroker(ctx, func(b *api.CreateBrokerOutput) error {
			_, err := w.c.CreateTags(ctx, &api.CreateTagsInput{ResourceARN: b.BrokerARN, Tags: map[string]string{"k": strconv.Itoa(w.rng.IntN(100))}})
			if err == nil {
				_, err = w.c.ListTags(ctx, &api.ListTagsInput{ResourceARN: b.BrokerARN})
			}
			return err
		})
	}},
	{5, (*loadWorker).configuration},
	{5, func(w *loadWorker, ctx context.Context) error {
		_, err := w.c.ListConfigurations(ctx, &api.ListConfigurationsInput{MaxResults: 20})
		return err
	}},
	{3, (*loadWorker).junk},
	{3, (*loadWorker).forged},
}

var loadWeight = func() int {
	n := 0
	for _, op := range loadOps {
		n += op.weight
	}
	return n
}()

// step runs one operation, picked by weight, and records its latency.
func (w *loadWorker) step(ctx context.Context) {
	n := w.rng.IntN(loadWeight)
	for _, op := range loadOps {
		if n -= op.weight; n < 0 {
			begin := time.Now()
			err := op.run(w, ctx)
			w.lat = append(w.lat, time.Since(begin))
			if err != nil {
				w.fail(err)
			}
			return
		}
	}
}

// onBroker runs fn on one of the worker's brokers, creating one if it has
// none.
func (w *loadWorker) onBroker(ctx context.Context, fn func(*api.CreateBrokerOutput) error) error {
	if len(w.brokers) == 0 {
		return w.createBroker(ctx)
	}
	return fn(w.brokers[w.rng.IntN(len(w.brokers))])
}

func (w *loadWorker) describeBroker(ctx context.Context) error {
	return w.onBroker(ctx, func(b *api.CreateBrokerOutput) error {
		out, err := w.c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: b.BrokerID})
		if err == nil && out.BrokerARN != b.BrokerARN {
			err = fmt.Errorf("describe %s: ARN %s, want %s", b.BrokerID, out.BrokerARN, b.BrokerARN)
		}
		return err
	})
}

func (w *loadWorker) createOrDeleteBroker(ctx context.Context) error {
	if len(w.brokers) >= loadMaxBrokers {
		return w.deleteBroker(ctx)
	}
	return w.createBroker(ctx)
}

func (w *loadWorker) createBroker(ctx context.Context) error {
	w.seq++
	in := stateBroker(fmt.Sprintf("load-%d-%d", w.id, w.seq))
	in.CreatorRequestID = fmt.Sprintf("load-%d-%d", w.id, w.seq)
	out, err := w.c.CreateBroker(ctx, in)
	if err != nil {
		return err
	}
	w.brokers = append(w.brokers, out)
	w.created = append(w.created, out.BrokerID)
	return nil
}

func (w *loadWorker) deleteBroker(ctx context.Context) error {
	if len(w.brokers) == 0 {
		return w.createBroker(ctx)
	}
	i := w.rng.IntN(len(w.brokers))
	b := w.brokers[i]
	if _, err := w.c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: b.BrokerID}); err != nil {
		return err
	}
	w.brokers = slices.Delete(w.brokers, i, i+1)
	w.deleted = append(w.deleted, b.BrokerID)
	return nil
}

// configuration creates a configuration, or revises or describes one.
func (w *loadWorker) configuration(ctx context.Context) error {
	if len(w.configs) < loadMaxConfigs {
		out, err := w.c.CreateConfiguration(ctx, &api.CreateConfigurationInput{Name: fmt.Sprintf("load-%d", w.id), EngineType: api.EngineTypeActivemq})
		if err != nil {
			return err
		}
		w.configs = append(w.configs, out.ID)
		w.created = append(w.created, out.ID)
		return nil
	}
	id := w.configs[w.rng.IntN(len(w.configs))]
	if w.rng.IntN(4) == 0 {
		data := base64.StdEncoding.EncodeToString([]byte("<broker/>"))
		_, err := w.c.UpdateConfiguration(ctx, &api.UpdateConfigurationInput{ConfigurationID: id, Data: data})
		return err
	}
	_, err := w.c.DescribeConfiguration(ctx, &api.DescribeConfigurationInput{ConfigurationID: id})
	return err
}

// junk sends an unsigned 256 KiB body to a path no operation has: 404.
func (w *loadWorker) junk(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "POST", w.url+"/v1/no-such-thing", bytes.NewReader(make([]byte, loadJunkBody)))
	if err != nil {
		return err
	}
	return w.expect(req, http.StatusNotFound)
}

// forged sends ListBrokers with a made-up signature: 403.
func (w *loadWorker) forged(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", w.url+"/v1/brokers", nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Amz-Date", time.Now().UTC().Format("20060102T150405Z"))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+testKeyID+"/"+time.Now().UTC().Format("20060102")+
		"/us-east-1/mq/aws4_request, SignedHeaders=host;x-amz-date, Signature="+strings.Repeat("0", 64))
	return w.expect(req, http.StatusForbidden)
}

func (w *loadWorker) expect(req *http.Request, status int) error {
	res, err := w.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != status {
		return fmt.Errorf("%s %s: status %d, want %d", req.Method, req.URL.Path, res.StatusCode, status)
	}
	return nil
}

// loadAudit checks the server against what the workers were told: every
// acknowledged live broker and configuration is there, every acknowledged
// deletion is not (lost), and nothing else is, no ID having been issued
// twice (duplicates).
func loadAudit(t *testing.T, c *client.Client, workers []*loadWorker) (duplicates, lost int) {
	t.Helper()
	ctx := t.Context()
	brokers := map[string]bool{}
	in := &api.ListBrokersInput{MaxResults: 100}
	for {
		out, err := c.ListBrokers(ctx, in)
		if err != nil {
			t.Fatalf("audit: %v", err)
		}
		for _, b := range out.BrokerSummaries {
			if brokers[b.BrokerID] {
				duplicates++
			}
			brokers[b.BrokerID] = true
		}
		if in.NextToken = out.NextToken; in.NextToken == "" {
			break
		}
	}
	configs := map[string]bool{}
	cin := &api.ListConfigurationsInput{MaxResults: 100}
	for {
		out, err := c.ListConfigurations(ctx, cin)
		if err != nil {
			t.Fatalf("audit: %v", err)
		}
		for _, cfg := range out.Configurations {
			configs[cfg.ID] = true
		}
		if cin.NextToken = out.NextToken; cin.NextToken == "" {
			break
		}
	}
	ids := map[string]bool{}
	wantBrokers, wantConfigs := 0, 0
	for _, w := range workers {
		for _, id := range w.created {
			if ids[id] {
				duplicates++
			}
			ids[id] = true
		}
		for _, b := range w.brokers {
			wantBrokers++
			if !brokers[b.BrokerID] {
				lost++
				t.Errorf("acknowledged broker %s is missing", b.BrokerID)
			}
		}
		for _, id := range w.deleted {
			if brokers[id] {
				lost++
				t.Errorf("broker %s is back after its acknowledged deletion", id)
			}
		}
		for _, id := range w.configs {
			wantConfigs++
			if !configs[id] {
				lost++
				t.Errorf("acknowledged configuration %s is missing", id)
			}
		}
	}
	if len(brokers) != wantBrokers || len(configs) != wantConfigs {
		duplicates += max(0, len(brokers)-wantBrokers) + max(0, len(configs)-wantConfigs)
		t.Errorf("the server has %d brokers and %d configurations, the clients %d and %d", len(brokers), len(configs), wantBrokers, wantConfigs)
	}
	return duplicates, lost
}
