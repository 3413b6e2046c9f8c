package mqtest_test

import (
	"fmt"
	"net/url"
	"sync"
	"testing"

	"github.com/mqrest/mqrest/mqtest"
)

// BenchmarkDescribeBrokerEngineTypes measures one signed request over HTTP
// with 1 and with 10,000 brokers: the indexes keep a request's cost
// independent of the number of brokers (before them, settling walked every
// broker on every request).
func BenchmarkDescribeBrokerEngineTypes(b *testing.B) {
	for _, n := range []int{1, 10000} {
		b.Run(fmt.Sprintf("brokers=%d", n), func(b *testing.B) {
			srv := newServer(b, mqtest.WithBrokerCreateDelay(0))
			populate(b, srv, n)
			c := admin(b, srv)
			b.ResetTimer()
			for b.Loop() {
				if r := c.send("GET", "/v1/broker-engine-types", nil); r.Status != 200 {
					b.Fatalf("status %d: %s", r.Status, r.Body)
				}
			}
		})
	}
}

// BenchmarkDescribeBroker is the same for a request that finds a broker.
func BenchmarkDescribeBroker(b *testing.B) {
	for _, n := range []int{1, 10000} {
		b.Run(fmt.Sprintf("brokers=%d", n), func(b *testing.B) {
			srv := newServer(b, mqtest.WithBrokerCreateDelay(0))
			ids := populate(b, srv, n)
			c := admin(b, srv)
			b.ResetTimer()
			i := 0
			for b.Loop() {
				if r := c.send("GET", "/v1/brokers/"+ids[i%len(ids)], nil); r.Status != 200 {
					b.Fatalf("status %d: %s", r.Status, r.Body)
				}
				i++
			}
		})
	}
}

// populate creates n brokers from 8 clients and returns their IDs.
func populate(b *testing.B, srv *mqtest.Server, n int) []string {
	b.Helper()
	ids := make([]string, n)
	var wg sync.WaitGroup
	for w := range 8 {
		c := admin(b, srv)
		wg.Go(func() {
			for i := w; i < n; i += 8 {
				var out struct {
					BrokerID string `json:"brokerId"`
				}
				r := c.send("POST", "/v1/brokers", brokerBody(fmt.Sprintf("b%d", i)))
				if r.Status != 200 {
					b.Errorf("create: %d %s", r.Status, r.Body)
					return
				}
				r.decode(b, &out)
				ids[i] = out.BrokerID
			}
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	return ids
}

// BenchmarkChange measures one change (CreateTags) with and without a state
// file: the difference is the cost of a durable commit.
func BenchmarkChange(b *testing.B) {
	for _, file := range []bool{false, true} {
		b.Run(fmt.Sprintf("stateFile=%t", file), func(b *testing.B) {
			opts := []mqtest.Option{mqtest.WithBrokerCreateDelay(0)}
			if file {
				opts = append(opts, mqtest.WithStateFile(b.TempDir()+"/state.db"))
			}
			srv := newServer(b, opts...)
			c := admin(b, srv)
			var out struct {
				BrokerArn string `json:"brokerArn"`
			}
			c.must(200, "POST", "/v1/brokers", brokerBody("b")).decode(b, &out)
			path := "/v1/tags/" + url.PathEscape(out.BrokerArn)
			i := 0
			for b.Loop() {
				i++
				c.must(204, "POST", path, map[string]any{"tags": map[string]string{"k": fmt.Sprint(i)}})
			}
		})
	}
}
