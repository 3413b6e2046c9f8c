package mqtest_test

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
)

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 3 {
		srv := mqtest.NewUnstartedServer(nil, mqtest.WithClock(mqtest.NewClock(t0)))
		if err := srv.Start(); err != nil {
			t.Fatal(err)
		}
		c := admin(t, srv)
		tr := &http.Transport{}
		c.hc = &http.Client{Transport: tr}
		c.must(200, "GET", "/v1/brokers", nil)
		srv.FailNext("", 1, mqtest.Fault{Kind: mqtest.FaultReset})
		_ = c.send("GET", "/v1/brokers", nil)
		srv.Close()
		srv.Close() // idempotent
		tr.CloseIdleConnections()
	}
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after Close, %d before\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
