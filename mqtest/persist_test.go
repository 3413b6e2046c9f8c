package mqtest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

func TestStateFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := mqtest.NewClock(t0)
	opts := []mqtest.Option{mqtest.WithClock(clock), mqtest.WithSeed(3), mqtest.WithStateFile(path)}
	srv := mqtest.NewServer(t, opts...)
	c := admin(t, srv)
	body := brokerBody("b1")
	body["creatorRequestId"] = "tok"
	var cb api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", body).decode(t, &cb)
	var cfg api.CreateConfigurationOutput
	c.must(200, "POST", "/v1/configurations", map[string]any{"name": "c1", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
	c.must(200, "POST", "/v1/brokers/"+cb.BrokerID+"/users/bob", map[string]any{"password": "bobpassword123"})
	srv.Close()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "passwordpassword1") || strings.Contains(string(data), "bobpassword123") ||
		strings.Contains(string(data), mqtest.DefaultSecretAccessKey) {
		t.Fatal("the state file holds a secret")
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".state.json.tmp*"))
	if len(matches) != 0 {
		t.Fatalf("temporary files left: %v", matches)
	}

	srv2 := mqtest.NewServer(t, opts...)
	c2 := admin(t, srv2)
	clock.Advance(5 * time.Second)
	var out api.DescribeBrokerOutput
	c2.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &out)
	if out.BrokerState != api.BrokerStateRunning || len(out.Users) != 2 {
		t.Fatalf("restored broker = %+v", out)
	}
	c2.must(200, "GET", "/v1/configurations/"+cfg.ID, nil)
	var again api.CreateBrokerOutput
	c2.must(200, "POST", "/v1/brokers", body).decode(t, &again)
	if again != cb || srv2.BrokerCount() != 1 {
		t.Fatalf("idempotency token lost across restart: %+v vs %+v", again, cb)
	}
	// New IDs continue the sequence instead of repeating it.
	var cb2 api.CreateBrokerOutput
	c2.must(200, "POST", "/v1/brokers", brokerBody("b2")).decode(t, &cb2)
	if cb2.BrokerID == cb.BrokerID {
		t.Fatal("restored emulator reused an ID")
	}
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]struct{ content, want string }{
		"not JSON":      {"{nope", "not valid JSON"},
		"wrong format":  {`{"format":"other"}`, "format"},
		"wrong account": {`{"format":"mqtest-state/1","region":"us-east-1","account":"999999999999","pageKey":"AA=="}`, "account"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := mqtest.NewHandlerE(mqtest.WithStateFile(path))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v, want one naming %s and %q", err, path, tc.want)
			}
			srv := mqtest.NewUnstartedServer(nil, mqtest.WithStateFile(path))
			if err := srv.Start(); err == nil {
				srv.Close()
				t.Fatal("Start accepted a corrupt state file")
			}
		})
	}
	t.Run("directory", func(t *testing.T) {
		if _, err := mqtest.NewHandlerE(mqtest.WithStateFile(dir)); err == nil {
			t.Fatal("a directory was accepted as a state file")
		}
	})
	t.Run("missing file is an empty state", func(t *testing.T) {
		h, err := mqtest.NewHandlerE(mqtest.WithStateFile(filepath.Join(dir, "absent.json")))
		if err != nil || h.BrokerCount() != 0 {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSnapshotRestore(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	admin(t, srv).must(200, "POST", "/v1/brokers", brokerBody("b1"))
	snap, err := srv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	h := mqtest.NewHandler(mqtest.WithClock(mqtest.NewClock(t0)))
	if err := h.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if got, want := h.Brokers(), srv.Brokers(); len(got) != 1 || got[0].BrokerARN != want[0].BrokerARN || got[0].BrokerState != api.BrokerStateRunning {
		t.Fatalf("restored %+v", got)
	}
	if err := h.Restore([]byte("[]")); err == nil || h.BrokerCount() != 1 {
		t.Fatalf("bad snapshot: err %v, %d brokers", err, h.BrokerCount())
	}
}
