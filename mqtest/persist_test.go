package mqtest_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
	"github.com/mqrest/mqrest/signer"
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
		h.Close()
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

// TestStateFileHoldsEveryChange runs every kind of change, restarting the
// emulator on its state file after each, and checks that the restarted
// emulator's state is exactly the one before the restart: the records each
// change reached are the ones written.
func TestStateFileHoldsEveryChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	clock := mqtest.NewClock(t0)
	opts := []mqtest.Option{mqtest.WithClock(clock), mqtest.WithSeed(7), mqtest.WithStateFile(path), mqtest.WithBrokerCreateDelay(time.Second)}
	ids := map[string]string{}
	create := func(c *tclient, name string, body map[string]any) {
		var out api.CreateBrokerOutput
		c.must(200, "POST", "/v1/brokers", body).decode(t, &out)
		ids[name], ids[name+".arn"] = out.BrokerID, out.BrokerARN
	}
	settle := func(c *tclient) {
		clock.Advance(2 * time.Second)
		c.must(200, "GET", "/v1/brokers", nil)
	}
	steps := []struct {
		name string
		run  func(c *tclient)
	}{
		{"create broker", func(c *tclient) {
			b := brokerBody("b1")
			b["creatorRequestId"] = "tok1"
			create(c, "b1", b)
		}},
		{"create configuration", func(c *tclient) {
			var out api.CreateConfigurationOutput
			c.must(200, "POST", "/v1/configurations", map[string]any{"name": "c1", "engineType": "ACTIVEMQ"}).decode(t, &out)
			ids["c1"], ids["c1.arn"] = out.ID, out.ARN
		}},
		{"creation completes", settle},
		{"create user", func(c *tclient) {
			c.must(200, "POST", "/v1/brokers/"+ids["b1"]+"/users/bob", map[string]any{"password": "bobpassword123"})
		}},
		{"update user", func(c *tclient) {
			c.must(200, "PUT", "/v1/brokers/"+ids["b1"]+"/users/bob", map[string]any{"groups": []string{"admins"}})
		}},
		{"update broker", func(c *tclient) {
			c.must(200, "PUT", "/v1/brokers/"+ids["b1"], map[string]any{"configuration": map[string]any{"id": ids["c1"]}})
		}},
		{"reboot", func(c *tclient) { c.must(200, "POST", "/v1/brokers/"+ids["b1"]+"/reboot", nil) }},
		{"reboot applies", settle},
		{"tag broker", func(c *tclient) {
			c.must(204, "POST", "/v1/tags/"+url.PathEscape(ids["b1.arn"]), map[string]any{"tags": map[string]string{"k": "v", "x": "y"}})
		}},
		{"tag configuration", func(c *tclient) {
			c.must(204, "POST", "/v1/tags/"+url.PathEscape(ids["c1.arn"]), map[string]any{"tags": map[string]string{"k": "v"}})
		}},
		{"untag broker", func(c *tclient) {
			c.must(204, "DELETE", "/v1/tags/"+url.PathEscape(ids["b1.arn"])+"?tagKeys=x", nil)
		}},
		{"revise configuration", func(c *tclient) {
			data := base64.StdEncoding.EncodeToString([]byte("<broker/>"))
			c.must(200, "PUT", "/v1/configurations/"+ids["c1"], map[string]any{"data": data, "description": "r2"})
		}},
		{"create replica", func(c *tclient) {
			b := brokerBody("replica")
			b["dataReplicationMode"], b["dataReplicationPrimaryBrokerArn"] = "CRDR", ids["b1.arn"]
			create(c, "replica", b)
		}},
		{"replica completes", settle},
		{"promote", func(c *tclient) {
			c.must(200, "POST", "/v1/brokers/"+ids["replica"]+"/promote", map[string]any{"mode": "SWITCHOVER"})
		}},
		{"delete user", func(c *tclient) { c.must(200, "DELETE", "/v1/brokers/"+ids["b1"]+"/users/bob", nil) }},
		{"delete broker", func(c *tclient) { c.must(200, "DELETE", "/v1/brokers/"+ids["replica"], nil) }},
		{"deletion completes", settle},
		{"create rabbitmq broker", func(c *tclient) {
			b := brokerBody("rabbit")
			b["engineType"], b["hostInstanceType"], b["creatorRequestId"] = "RABBITMQ", "mq.m7g.large", "tok2"
			create(c, "rabbit", b)
		}},
		{"delete broker while creating", func(c *tclient) {
			c.must(200, "DELETE", "/v1/brokers/"+ids["rabbit"], nil)
		}},
		{"deletion completes again", settle},
		{"delete the first broker", func(c *tclient) { c.must(200, "DELETE", "/v1/brokers/"+ids["b1"], nil) }},
		{"last deletion completes", settle},
		{"delete configuration", func(c *tclient) { c.must(200, "DELETE", "/v1/configurations/"+ids["c1"], nil) }},
	}
	srv := mqtest.NewServer(t, opts...)
	for _, step := range steps {
		step.run(admin(t, srv))
		before, err := srv.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		srv.Close()
		srv = mqtest.NewServer(t, opts...)
		after, err := srv.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		if string(before) != string(after) {
			t.Fatalf("after %q the state file holds\n%s\nbut the emulator had\n%s", step.name, after, before)
		}
	}
	if n := srv.BrokerCount(); n != 0 {
		t.Fatalf("%d brokers left", n)
	}
}

// TestStateFileLocked opens a second emulator on a state file in use.
func TestStateFileLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	h, err := mqtest.NewHandlerE(mqtest.WithStateFile(path))
	if err != nil {
		t.Fatal(err)
	}
	_, err = mqtest.NewHandlerE(mqtest.WithStateFile(path))
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second handler: err = %v, want one naming %s as in use", err, path)
	}
	srv := mqtest.NewUnstartedServer(nil, mqtest.WithStateFile(path))
	if err := srv.Start(); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second server: err = %v", err)
	}
	srv.Close()
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	h2, err := mqtest.NewHandlerE(mqtest.WithStateFile(path))
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	h2.Close()
}

// TestStateFileMode checks that the state file is the only file, mode 0600,
// also when it existed with a wider mode.
func TestStateFileMode(t *testing.T) {
	tests := map[string]func(path string){
		"new":        func(string) {},
		"world-read": func(path string) { touchMode(t, path, 0o644) },
	}
	for name, prepare := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.db")
			prepare(path)
			srv := newServer(t, mqtest.WithStateFile(path))
			admin(t, srv).must(200, "POST", "/v1/brokers", brokerBody("b1"))
			srv.Close()
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
			}
			assertOnlyFile(t, dir, "state.db")
		})
	}
}

func touchMode(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, nil, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// assertOnlyFile fails unless dir holds just the named file.
func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != name {
		t.Fatalf("%s holds %v, want only %s", dir, names, name)
	}
}

// TestStateIDsNeverRepeat creates and deletes resources, restarts with the
// same seed and creates more: no ID comes back, although the seed would
// replay the same sequence if the generator's state were not saved.
func TestStateIDsNeverRepeat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	opts := []mqtest.Option{mqtest.WithSeed(11), mqtest.WithStateFile(path), mqtest.WithBrokerCreateDelay(0)}
	seen := map[string]int{}
	for round := range 3 {
		srv := newServer(t, opts...)
		c := admin(t, srv)
		for i := range 3 {
			var b api.CreateBrokerOutput
			c.must(200, "POST", "/v1/brokers", brokerBody(fmt.Sprintf("b%d", i))).decode(t, &b)
			var cfg api.CreateConfigurationOutput
			c.must(200, "POST", "/v1/configurations", map[string]any{"name": "c", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
			for _, id := range []string{b.BrokerID, cfg.ID} {
				if r, dup := seen[id]; dup {
					t.Fatalf("round %d issued %s again (first in round %d)", round, id, r)
				}
				seen[id] = round
			}
			c.must(200, "DELETE", "/v1/brokers/"+b.BrokerID, nil)
			c.must(200, "DELETE", "/v1/configurations/"+cfg.ID, nil)
		}
		if srv.BrokerCount() != 0 {
			t.Fatal("brokers left")
		}
		srv.Close()
	}
}

// TestStateFileMigratesJSON starts on a JSON state file of the earlier
// format: it becomes a state database holding the same state.
func TestStateFileMigratesJSON(t *testing.T) {
	src := newServer(t, mqtest.WithBrokerCreateDelay(0))
	var b api.CreateBrokerOutput
	admin(t, src).must(200, "POST", "/v1/brokers", brokerBody("b1")).decode(t, &b)
	snap, err := src.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := os.WriteFile(path, snap, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0), mqtest.WithStateFile(path))
	admin(t, srv).must(200, "GET", "/v1/brokers/"+b.BrokerID, nil)
	got, err := srv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if string(got) != string(snap) {
		t.Fatalf("migrated state\n%s\nwant\n%s", got, snap)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(string(data), "{") {
		t.Fatal("the state file is still JSON")
	}
	assertOnlyFile(t, dir, "state.json")
}

// TestStateFailedSaveUndoes makes the state file's commits fail: each
// change is answered 500 and leaves nothing behind, in memory or in the
// file, and changes succeed again once saving does.
func TestStateFailedSaveUndoes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	clock := mqtest.NewClock(t0)
	opts := []mqtest.Option{mqtest.WithClock(clock), mqtest.WithSeed(5), mqtest.WithStateFile(path), mqtest.WithBrokerCreateDelay(time.Second)}
	srv := mqtest.NewServer(t, opts...)
	c := admin(t, srv)
	var kept api.CreateBrokerOutput
	body := brokerBody("kept")
	body["creatorRequestId"] = "kept-token"
	c.must(200, "POST", "/v1/brokers", body).decode(t, &kept)
	var cfg api.CreateConfigurationOutput
	c.must(200, "POST", "/v1/configurations", map[string]any{"name": "c1", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
	good, err := srv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}

	mqtest.FailStateCommits(srv.Handler, errors.New("no space left on device"))
	changes := map[string]func() *resp{
		"create broker": func() *resp { return c.send("POST", "/v1/brokers", brokerBody("lost")) },
		"create configuration": func() *resp {
			return c.send("POST", "/v1/configurations", map[string]any{"name": "lost", "engineType": "ACTIVEMQ"})
		},
		"create user": func() *resp {
			return c.send("POST", "/v1/brokers/"+kept.BrokerID+"/users/bob", map[string]any{"password": "bobpassword123"})
		},
		"tag": func() *resp {
			return c.send("POST", "/v1/tags/"+url.PathEscape(kept.BrokerARN), map[string]any{"tags": map[string]string{"k": "v"}})
		},
		"delete broker":        func() *resp { return c.send("DELETE", "/v1/brokers/"+kept.BrokerID, nil) },
		"delete configuration": func() *resp { return c.send("DELETE", "/v1/configurations/"+cfg.ID, nil) },
	}
	for name, change := range changes {
		r := change()
		if r.Status != 500 || !strings.Contains(string(r.Body), "not made") {
			t.Errorf("%s: %d %s, want a 500 saying the change was not made", name, r.Status, r.Body)
		}
		if got, _ := srv.Snapshot(); withoutRand(t, got) != withoutRand(t, good) {
			t.Fatalf("%s: a failed save left a change behind:\n%s\nwant\n%s", name, got, good)
		}
	}
	// A transition that falls due cannot be saved either; it is done
	// again once saving works.
	clock.Advance(2 * time.Second)
	if r := c.send("GET", "/v1/brokers/"+kept.BrokerID, nil); r.Status != 500 {
		t.Errorf("describe with a due transition: %d, want 500", r.Status)
	}
	mqtest.FailStateCommits(srv.Handler, nil)
	var d api.DescribeBrokerOutput
	c.must(200, "GET", "/v1/brokers/"+kept.BrokerID, nil).decode(t, &d)
	if d.BrokerState != api.BrokerStateRunning {
		t.Fatalf("state %s, want RUNNING", d.BrokerState)
	}
	var again api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", body).decode(t, &again)
	if again != kept {
		t.Fatalf("the idempotency token was lost: %+v", again)
	}
	var lost api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", brokerBody("lost")).decode(t, &lost)
	before, _ := srv.Snapshot()
	srv.Close()
	srv2 := mqtest.NewServer(t, opts...)
	if after, _ := srv2.Snapshot(); string(after) != string(before) {
		t.Fatalf("after restart\n%s\nwant\n%s", after, before)
	}
}

// withoutRand is a snapshot without the ID generator's state, which a
// failed change advances on purpose (no ID is issued twice).
func withoutRand(t *testing.T, snap []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(snap, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "rand")
	b, _ := json.MarshalIndent(m, "", "  ")
	return string(b)
}

// TestStateFileClosedHandler sends requests to a Handler after Close: they
// fail without changing anything, and the file holds the last change.
func TestStateFileClosedHandler(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	opts := []mqtest.Option{mqtest.WithClock(mqtest.NewClock(t0)), mqtest.WithSeed(2), mqtest.WithStateFile(path), mqtest.WithBrokerCreateDelay(0)}
	h, err := mqtest.NewHandlerE(opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := &tclient{t: t, base: srv.URL, region: "us-east-1",
		signer: signer.New(creds(mqtest.DefaultPrincipal()), "us-east-1", signer.WithClock(h.Clock().Now)),
		hc:     &http.Client{Timeout: 20 * time.Second}}
	c.must(200, "POST", "/v1/brokers", brokerBody("b1"))
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	wantError(t, c.send("POST", "/v1/brokers", brokerBody("b2")), 500, "InternalServerErrorException", "", "closed")
	if n := h.BrokerCount(); n != 1 {
		t.Fatalf("%d brokers after a request to the closed handler, want 1", n)
	}
	if err := h.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	h2, err := mqtest.NewHandlerE(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer h2.Close()
	if n := h2.BrokerCount(); n != 1 {
		t.Fatalf("the file holds %d brokers, want 1", n)
	}
}
