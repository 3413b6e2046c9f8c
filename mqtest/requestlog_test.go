package mqtest_test

import (
	"bytes"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
)

// TestRequestLogBoundedUnderUnauthenticatedFlood sends 200 unauthenticated
// 1 MiB POSTs to a path no operation serves: none of the bodies is kept, and
// the heap after GC does not grow by anything near the 200 MiB sent.
func TestRequestLogBoundedUnderUnauthenticatedFlood(t *testing.T) {
	srv := newServer(t)
	hc := &http.Client{Timeout: 20 * time.Second}
	body := bytes.Repeat([]byte("x"), mqtest.DefaultMaxBodyBytes)
	send := func() {
		res, err := hc.Post(srv.URL+"/v1/nowhere", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d", res.StatusCode)
		}
	}
	send() // warm up the connection pool and the server's buffers
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	for range 200 {
		send()
	}
	after := heap()
	if grown := int64(after) - int64(before); grown > 16<<20 {
		t.Fatalf("heap grew by %d MiB over 200 unauthenticated 1 MiB requests", grown>>20)
	}
	reqs := srv.Requests()
	if len(reqs) != 201 {
		t.Fatalf("%d requests logged, want 201", len(reqs))
	}
	for _, r := range reqs {
		if r.Body != nil {
			t.Fatalf("body of an unauthenticated request kept: %d bytes", len(r.Body))
		}
	}
}

// TestRequestLogRing keeps the last N requests, in order.
func TestRequestLogRing(t *testing.T) {
	tests := []struct {
		n, sent, want int
	}{
		{n: 0, sent: 5, want: 0},
		{n: 1, sent: 5, want: 1},
		{n: 3, sent: 10, want: 3},
		{n: 10, sent: 4, want: 4},
		{n: 7, sent: 50, want: 7},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("n=%d,sent=%d", tc.n, tc.sent), func(t *testing.T) {
			srv := newServer(t, mqtest.WithRequestLog(tc.n))
			c := admin(t, srv)
			for i := range tc.sent {
				c.must(404, "GET", fmt.Sprintf("/v1/brokers/b-%d", i), nil)
			}
			reqs := srv.Requests()
			if len(reqs) != tc.want {
				t.Fatalf("%d requests, want %d", len(reqs), tc.want)
			}
			for i, r := range reqs {
				if want := fmt.Sprintf("/v1/brokers/b-%d", tc.sent-tc.want+i); r.Path != want {
					t.Fatalf("request %d is %s, want %s", i, r.Path, want)
				}
			}
		})
	}
}

// TestRequestLogKeepsOnlyAuthorizedBodies: the body of a request that was
// not authenticated, not authorized or not decodable is not kept; an
// authorized one is, redacted.
func TestRequestLogKeepsOnlyAuthorizedBodies(t *testing.T) {
	bob := mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/bob", AccessKeyID: "AKIABOB",
		SecretAccessKey: "bob-secret", IdentityPolicies: nil}
	srv := newServer(t, mqtest.WithPrincipals(mqtest.DefaultPrincipal(), bob))
	c := admin(t, srv)
	badSig := admin(t, srv)
	badSig.mutate = func(r *http.Request) { r.Header.Set("X-Amz-Date", "20261126T043217Z") }
	tests := []struct {
		name   string
		c      *tclient
		status int
		body   any
		kept   bool
	}{
		{"authorized", c, 200, brokerBody("b1"), true},
		{"bad signature", badSig, 403, brokerBody("b2"), false},
		{"denied", client(t, srv, bob), 403, brokerBody("b3"), false},
		{"malformed", c, 400, `{"brokerName":"b4","users":[{"password":"hunter2hunter2"`, false},
		{"service rule", c, 409, brokerBody("b1"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			tc.c.must(tc.status, "POST", "/v1/brokers", tc.body)
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			b := string(reqs[0].Body)
			if strings.Contains(b, "passwordpassword1") || strings.Contains(b, "hunter2") {
				t.Fatalf("password logged: %s", b)
			}
			if tc.kept != (b != "") {
				t.Fatalf("body kept = %q, want kept %v", b, tc.kept)
			}
			if tc.kept && !strings.Contains(b, `"password":"<redacted>"`) {
				t.Fatalf("body not redacted by the model's rule: %s", b)
			}
		})
	}
}
