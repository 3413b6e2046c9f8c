package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
)

// goldenClock is the emulator's frozen time in golden tests.
var goldenClock = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// TestGolden pins the json, table and text output of a few commands on a
// deterministic emulator (fixed seed, frozen clock, instant transitions).
func TestGolden(t *testing.T) {
	t.Parallel()
	_, c := newEmulator(t, mqtest.WithSeed(7), mqtest.WithClock(mqtest.NewClock(goldenClock)),
		mqtest.WithBrokerCreateDelay(0))
	cfg := c.field("Id", "create-configuration", "--name", "orders-config", "--engine-type", "ACTIVEMQ", "--engine-version", "5.18",
		"--tags", "team=payments")
	c.createBroker("orders", "--configuration", "Id="+cfg+",Revision=1",
		"--maintenance-window-start-time", "DayOfWeek=MONDAY,TimeOfDay=02:00,TimeZone=UTC", "--tags", "env=dev,team=payments")
	id := c.createBroker("billing", "--users", "Username=admin,Password=adminPassword123", "Username=ops,Password=opsPassword1234,Groups=admins,ConsoleAccess=true")
	c.ok("create-user", "--broker-id", id, "--username", "reader", "--password", "readerPassword1", "--groups", "readers")

	cases := []struct {
		name string
		args []string
	}{
		{"list-brokers", []string{"list-brokers"}},
		{"describe-broker", []string{"describe-broker", "--broker-id", id}},
		{"list-configurations", []string{"list-configurations"}},
		{"list-users", []string{"list-users", "--broker-id", id}},
		{"describe-broker-engine-types", []string{"describe-broker-engine-types"}},
	}
	for _, tc := range cases {
		for _, format := range []string{"json", "table", "text"} {
			name := tc.name + "." + format
			got := c.ok(append(tc.args, "--output", format)...)
			checkGolden(t, name, got)
		}
	}
}

// checkGolden compares got with testdata/golden/name.txt, or rewrites the
// file with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, path,
			got, strings.TrimSuffix(string(want), "\n"))
	}
}
