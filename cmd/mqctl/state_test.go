package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// stateClient is a client of a `mqctl serve` at url as its default
// administrator, without retries: a call that returns without an error was
// acknowledged by the server.
func stateClient(t testing.TB, url string) *client.Client {
	t.Helper()
	cfg := aws.Config{Region: "us-east-1", Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret}, nil
	})}
	c, err := client.NewFromConfig(cfg, client.WithEndpoint(url), client.WithMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func stateBroker(name string) *api.CreateBrokerInput {
	return &api.CreateBrokerInput{BrokerName: name, EngineType: api.EngineTypeActivemq,
		DeploymentMode: api.DeploymentModeSingleInstance, HostInstanceType: "mq.t3.micro",
		PubliclyAccessible: aws.Bool(false), Users: []api.User{{Username: "admin", Password: "passwordpassword1"}}}
}

// TestServeStateLocked starts a second `mqctl serve` on the state file of
// a running one: it refuses to start, naming the file and saying that
// another serve holds it, and the first keeps serving.
func TestServeStateLocked(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.db")
	s := startServe(t, true, "--state", state)
	r := newCLI(t).expect(1, "serve", "--listen", "127.0.0.1:0", "--quiet", "--state", state)
	if !strings.Contains(r.stderr, state) || !strings.Contains(r.stderr, "another mqctl serve") {
		t.Fatalf("second serve: stderr %q, want the file and that another serve holds it", r.stderr)
	}
	if _, err := stateClient(t, s.url).CreateBroker(t.Context(), stateBroker("b1")); err != nil {
		t.Fatalf("the first serve stopped serving: %v", err)
	}
	if code := s.stop(t, os.Interrupt); code != 0 {
		t.Fatalf("exit %d", code)
	}
	s2 := startServe(t, true, "--state", state)
	out, err := stateClient(t, s2.url).ListBrokers(t.Context(), &api.ListBrokersInput{})
	if err != nil || len(out.BrokerSummaries) != 1 {
		t.Fatalf("after the first stopped: %+v, %v", out, err)
	}
}

// crashRounds bounds TestServeStateCrash; each round writes for up to
// crashWriteTime before the kill.
const (
	crashRounds    = 10
	crashWorkers   = 4
	crashWriteTime = 150 * time.Millisecond
)

// TestServeStateCrash kills `mqctl serve` with SIGKILL while clients create
// and delete brokers, restarts it on the same state file and checks, every
// round, that every acknowledged creation is there and every acknowledged
// deletion is not, that no ID was ever issued twice, and that the
// directory holds only the state file (mode 0600).
func TestServeStateCrash(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.db")
	created := map[string]brokerFate{} // acknowledged creations
	seen := map[string]int{}           // every acknowledged ID -> round
	unacked := map[string]bool{}       // names of creations sent and not acknowledged
	rng := rand.New(rand.NewPCG(14, 4))
	for round := range crashRounds {
		s := startServe(t, true, "--state", state, "--broker-create-delay", "0")
		c := stateClient(t, s.url)
		audit(t, c, round, created, unacked)

		var mu sync.Mutex
		var live []string
		for id, f := range created {
			if f == fateLive {
				live = append(live, id)
			}
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		var wg sync.WaitGroup
		acked := make(chan struct{}, 1)
		for w := range crashWorkers {
			wg.Go(func() {
				for i := 0; ctx.Err() == nil && i < 1000; i++ {
					mu.Lock()
					var victim string
					if len(live) > 0 && i%3 == 2 {
						k := (w + i) % len(live)
						victim, live[k] = live[k], live[len(live)-1]
						live = live[:len(live)-1]
						created[victim] = fateUnknown // until acknowledged
					}
					mu.Unlock()
					if victim != "" {
						if _, err := c.DeleteBroker(ctx, &api.DeleteBrokerInput{BrokerID: victim}); err != nil {
							return // the server is gone: the deletion may or may not be durable
						}
						mu.Lock()
						created[victim] = fateDeleted
						mu.Unlock()
						continue
					}
					name := fmt.Sprintf("r%d-w%d-%d", round, w, i)
					mu.Lock()
					unacked[name] = true
					mu.Unlock()
					out, err := c.CreateBroker(ctx, stateBroker(name))
					if err != nil {
						return
					}
					mu.Lock()
					delete(unacked, name)
					if r, dup := seen[out.BrokerID]; dup {
						t.Errorf("round %d: ID %s issued again (first in round %d)", round, out.BrokerID, r)
					}
					seen[out.BrokerID] = round
					created[out.BrokerID] = fateLive
					live = append(live, out.BrokerID)
					mu.Unlock()
					select {
					case acked <- struct{}{}:
					default:
					}
				}
			})
		}
		select {
		case <-acked:
		case <-ctx.Done():
			t.Fatal("no creation was acknowledged")
		}
		time.Sleep(time.Duration(rng.Int64N(int64(crashWriteTime))))
		if err := s.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = s.cmd.Wait()
		wg.Wait()
		cancel()
		checkStateDir(t, dir)
	}
	s := startServe(t, true, "--state", state)
	audit(t, stateClient(t, s.url), crashRounds, created, unacked)
	t.Logf("%d rounds, %d acknowledged creations", crashRounds, len(seen))
}

// brokerFate is what a client knows of a broker it created.
type brokerFate int

const (
	fateLive    brokerFate = iota // created, not deleted
	fateDeleted                   // deletion acknowledged
	fateUnknown                   // deletion sent, not acknowledged
)

// audit checks that the server has every broker created holds as live and
// none it holds as deleted, and resolves the unknown ones by what it finds.
// A broker it does not know of must have a name in unacked (a creation
// sent whose answer the crash cut off); it is then added as live.
func audit(t *testing.T, c *client.Client, round int, created map[string]brokerFate, unacked map[string]bool) {
	t.Helper()
	have := map[string]bool{}
	in := &api.ListBrokersInput{MaxResults: 100}
	for {
		out, err := c.ListBrokers(t.Context(), in)
		if err != nil {
			t.Fatalf("round %d: list: %v", round, err)
		}
		for _, b := range out.BrokerSummaries {
			have[b.BrokerID] = true
			if _, known := created[b.BrokerID]; !known {
				if !unacked[b.BrokerName] {
					t.Errorf("round %d: broker %s (%s) exists, but its creation failed or was never sent", round, b.BrokerID, b.BrokerName)
				}
				delete(unacked, b.BrokerName)
				created[b.BrokerID] = fateLive
			}
		}
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	for id, f := range created {
		if f == fateUnknown {
			f = fateDeleted
			if have[id] {
				f = fateLive
			}
			created[id] = f
		}
		live := f == fateLive
		if live && !have[id] {
			t.Errorf("round %d: acknowledged broker %s was lost", round, id)
		}
		if !live && have[id] {
			t.Errorf("round %d: broker %s is back after its acknowledged deletion", round, id)
		}
		if live {
			if _, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: id}); err != nil {
				t.Errorf("round %d: describe %s: %v", round, id, err)
			}
		} else if _, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: id}); !errors.Is(err, client.ErrNotFound) {
			t.Errorf("round %d: describe deleted %s: %v, want not found", round, id, err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// checkStateDir fails unless dir holds only state.db, mode 0600.
func checkStateDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "state.db" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("the state directory holds %v, want only state.db", names)
	}
	fi, err := entries[0].Info()
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("state.db has mode %v, want 0600", fi.Mode().Perm())
	}
}

// fsizeEnv, when set in the environment of this test binary, makes it a
// launcher: it limits the size of files it may write (RLIMIT_FSIZE, bytes)
// and executes the program named by fsizeExecEnv with its arguments, so a
// `mqctl serve` runs out of room for its state file as on a full disk.
const (
	fsizeEnv     = "MQCTL_TEST_FSIZE"
	fsizeExecEnv = "MQCTL_TEST_EXEC"
)

func init() {
	v := os.Getenv(fsizeEnv)
	if v == "" {
		return
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err == nil {
		err = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n})
	}
	if err == nil {
		exe := os.Getenv(fsizeExecEnv)
		err = syscall.Exec(exe, append([]string{exe}, os.Args[1:]...), os.Environ())
	}
	fmt.Fprintln(os.Stderr, "launcher:", err)
	os.Exit(2)
}

// TestServeStateDiskFull runs `mqctl serve` with a state file that cannot
// grow past 128 KiB and creates brokers until saving fails: each failed
// creation is a 500 that leaves no broker behind, the acknowledged ones
// are all there before and after a restart without the limit, and the
// directory holds only the state file.
func TestServeStateDiskFull(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.db")
	env := []string{fsizeEnv + "=131072", fsizeExecEnv + "=" + binary}
	s := startServeProcess(t, env, os.Args[0], "--state", state, "--broker-create-delay", "0")
	c := stateClient(t, s.url)
	created := map[string]brokerFate{}
	failed := 0
	for i := 0; i < 2000 && failed < 5; i++ {
		out, err := c.CreateBroker(t.Context(), stateBroker(fmt.Sprintf("b%d", i)))
		var ae *client.APIError
		switch {
		case err == nil:
			created[out.BrokerID] = fateLive
		case errors.As(err, &ae) && ae.StatusCode == 500 && strings.Contains(ae.Message, "not made"):
			failed++
		default:
			t.Fatalf("create %d: %v, want success or a 500 saying the change was not made", i, err)
		}
	}
	if failed == 0 {
		t.Fatalf("%d creations and no failed save: the file size limit did not apply", len(created))
	}
	audit(t, c, 0, created, nil)
	if code := s.stop(t, os.Interrupt); code != 0 {
		t.Fatalf("exit %d", code)
	}
	s2 := startServe(t, true, "--state", state, "--broker-create-delay", "0")
	c2 := stateClient(t, s2.url)
	audit(t, c2, 1, created, nil)
	if _, err := c2.CreateBroker(t.Context(), stateBroker("after")); err != nil {
		t.Fatalf("after the restart: %v", err)
	}
	checkStateDir(t, dir)
	t.Logf("%d creations acknowledged, %d failed to save", len(created), failed)
}
