package mqtest_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

func TestBadRequests(t *testing.T) {
	srv := newServer(t, mqtest.WithMaxBodyBytes(1024))
	c := admin(t, srv)
	tests := map[string]errorCase{
		"body too large":  {"POST", "/v1/brokers", strings.Repeat(" ", 2048), 413, "PayloadTooLargeException", "", "1024 bytes"},
		"malformed JSON":  {"POST", "/v1/brokers", `{"brokerName":`, 400, "BadRequestException", "body", "not valid JSON"},
		"wrong JSON type": {"POST", "/v1/brokers", `{"brokerName":5}`, 400, "BadRequestException", "brokerName", "brokerName"},
		"missing member": {"POST", "/v1/configurations", map[string]any{"engineType": "ACTIVEMQ"}, 400, "BadRequestException", "name",
			"The request failed because [name] is required."},
		"nested member": {"POST", "/v1/brokers", func() any {
			b := brokerBody("b1")
			b["users"] = []map[string]any{{"username": "admin", "password": "short"}}
			return b
		}(), 400, "BadRequestException", "users[0].password", "12-250"},
		"bad enum":         {"POST", "/v1/configurations", map[string]any{"name": "c", "engineType": "KAFKA"}, 400, "BadRequestException", "engineType", "ACTIVEMQ"},
		"unknown path":     {"GET", "/v1/nothing", nil, 404, "UnknownOperationException", "", "GET /v1/nothing"},
		"wrong method":     {"PATCH", "/v1/brokers/b-1", nil, 404, "UnknownOperationException", "", "DELETE, GET, PUT"},
		"bad version":      {"POST", "/v1/brokers", func() any { b := brokerBody("b1"); b["engineVersion"] = "9.9"; return b }(), 400, "BadRequestException", "engineVersion", "5.18"},
		"RabbitMQ EFS":     {"POST", "/v1/brokers", func() any { b := brokerBody("b1"); b["engineType"], b["storageType"] = "RABBITMQ", "EFS"; return b }(), 400, "BadRequestException", "storageType", "EFS"},
		"missing config":   {"POST", "/v1/brokers", func() any { b := brokerBody("b1"); b["configuration"] = map[string]any{"id": "c-x"}; return b }(), 404, "NotFoundException", "configuration-id", "c-x"},
		"bad revision":     {"GET", "/v1/configurations/c-x/revisions/abc", nil, 404, "NotFoundException", "configuration-id", "c-x"},
		"no users":         {"POST", "/v1/brokers", func() any { b := brokerBody("b1"); delete(b, "users"); return b }(), 400, "BadRequestException", "users", "users"},
		"tag ARN not MQ":   {"GET", "/v1/tags/arn%3Aaws%3As3%3A%3A%3Abucket", nil, 400, "BadRequestException", "ResourceArn", "ARN"},
		"delete tags keys": {"DELETE", "/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A123456789012%3Aconfiguration%3Ac-1", nil, 400, "BadRequestException", "tagKeys", "required"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tc.check(t, c)
		})
	}
	if n := srv.BrokerCount(); n != 0 {
		t.Fatalf("bad requests created %d brokers", n)
	}
}

func TestRequestsRedacted(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	c.must(200, "POST", "/v1/brokers", brokerBody("b1"))
	wantError(t, c.send("POST", "/v1/brokers", `{"brokerName":"b2","users":[{"Password":"hunter2hunter2",`), 400, "BadRequestException", "body", "")
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	for _, r := range reqs {
		if strings.Contains(string(r.Body), "passwordpassword1") || strings.Contains(string(r.Body), "hunter2") {
			t.Fatalf("password in the log: %s", r.Body)
		}
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request, SignedHeaders=") ||
			!strings.HasSuffix(auth, "Signature=<redacted>") {
			t.Fatalf("Authorization = %q", auth)
		}
		if r.Principal != "arn:aws:iam::123456789012:user/admin" || r.AccessKeyID != "AKIDEXAMPLE" || r.Operation != "CreateBroker" {
			t.Fatalf("request = %+v", r)
		}
	}
	if reqs[0].Status != 200 || reqs[1].Status != 400 || !strings.Contains(string(reqs[0].Body), `"password":"<redacted>"`) {
		t.Fatalf("requests = %d %d %s", reqs[0].Status, reqs[1].Status, reqs[0].Body)
	}
	srv.ResetRequests()
	if len(srv.Requests()) != 0 {
		t.Fatal("ResetRequests kept requests")
	}
}

func TestRabbitMQ(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	b := brokerBody("r1")
	b["engineType"], b["deploymentMode"], b["hostInstanceType"] = "RABBITMQ", "CLUSTER_MULTI_AZ", "mq.m7g.large"
	var cb api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", b).decode(t, &cb)
	var d api.DescribeBrokerOutput
	c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil).decode(t, &d)
	host := cb.BrokerID + ".mq.us-east-1.on.aws"
	if len(d.BrokerInstances) != 1 || d.BrokerInstances[0].Endpoints[0] != "amqps://"+host+":5671" ||
		d.BrokerInstances[0].ConsoleURL != "https://"+host || d.StorageType != "EBS" || d.EngineVersion != "4.2" {
		t.Fatalf("RabbitMQ broker = %+v", d)
	}
	if len(d.Users) != 0 {
		t.Fatalf("DescribeBroker of a RabbitMQ broker lists users %+v; the users API shows none", d.Users)
	}
	// The one user is the engine's administrator: the state keeps it (a real
	// engine, and a restart with --state, start with it), without its
	// password.
	snap, err := srv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(snap, []byte(`"admin"`)) || bytes.Contains(snap, []byte("passwordpassword1")) {
		t.Fatalf("state of a RabbitMQ broker: want its administrator %q without a password, got %s", "admin", snap)
	}
	users := "/v1/brokers/" + cb.BrokerID + "/users"
	for _, r := range []struct {
		method, path string
		body         any
	}{
		{"POST", users + "/bob", map[string]any{"password": "bobpassword123"}},
		{"PUT", users + "/admin", map[string]any{"consoleAccess": true}},
		{"DELETE", users + "/admin", nil},
		{"GET", users + "/admin", nil},
		{"GET", users, nil},
	} {
		wantError(t, c.send(r.method, r.path, r.body), 400, "BadRequestException", "broker-id", "The users API does not apply to RabbitMQ brokers")
	}
	wantError(t, c.send("PUT", "/v1/brokers/"+cb.BrokerID, map[string]any{"securityGroups": []string{"sg-1"}}),
		400, "BadRequestException", "securityGroups", "Changing security groups is not supported for RabbitMQ brokers.")
	wantError(t, c.send("POST", "/v1/brokers/"+cb.BrokerID+"/promote", map[string]any{"mode": "FAILOVER"}),
		400, "BadRequestException", "broker-id", "CRDR")
}

func TestPromote(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var primary, replica api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", brokerBody("primary")).decode(t, &primary)
	b := brokerBody("replica")
	b["dataReplicationMode"], b["dataReplicationPrimaryBrokerArn"] = "CRDR", primary.BrokerARN
	c.must(200, "POST", "/v1/brokers", b).decode(t, &replica)
	var d api.DescribeBrokerOutput
	c.must(200, "GET", "/v1/brokers/"+replica.BrokerID, nil).decode(t, &d)
	if d.BrokerState != api.BrokerStateReplica || d.DataReplicationMetadata.DataReplicationRole != "REPLICA" {
		t.Fatalf("replica = %+v", d)
	}
	var out api.PromoteOutput
	c.must(200, "POST", "/v1/brokers/"+replica.BrokerID+"/promote", map[string]any{"mode": "SWITCHOVER"}).decode(t, &out)
	d = api.DescribeBrokerOutput{}
	c.must(200, "GET", "/v1/brokers/"+replica.BrokerID, nil).decode(t, &d)
	if out.BrokerID != replica.BrokerID || d.BrokerState != api.BrokerStateRunning || d.DataReplicationMetadata.DataReplicationRole != "PRIMARY" {
		t.Fatalf("promoted = %+v", d)
	}
	wantError(t, c.send("POST", "/v1/brokers/"+replica.BrokerID+"/promote", map[string]any{"mode": "SWITCHOVER"}),
		400, "BadRequestException", "broker-id", "already the primary")
}

func TestConcurrentClients(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	var cfg api.CreateConfigurationOutput
	admin(t, srv).must(200, "POST", "/v1/configurations", map[string]any{"name": "shared", "engineType": "ACTIVEMQ"}).decode(t, &cfg)
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			c := admin(t, srv)
			name := fmt.Sprintf("b%02d", i)
			var cb api.CreateBrokerOutput
			c.must(200, "POST", "/v1/brokers", brokerBody(name)).decode(t, &cb)
			c.must(200, "GET", "/v1/brokers/"+cb.BrokerID, nil)
			c.must(200, "POST", "/v1/brokers/"+cb.BrokerID+"/users/user"+name, map[string]any{"password": "userpassword123"})
			c.must(200, "GET", "/v1/brokers?maxResults=5", nil)
			c.must(200, "PUT", "/v1/configurations/"+cfg.ID, map[string]any{"data": "PGEvPg=="})
			c.must(204, "POST", "/v1/tags/"+strings.ReplaceAll(cb.BrokerARN, ":", "%3A"), map[string]any{"tags": map[string]string{"i": name}})
			c.must(200, "DELETE", "/v1/brokers/"+cb.BrokerID, nil)
			_ = srv.Requests()
		})
	}
	wg.Wait()
	if n := srv.BrokerCount(); n != 0 {
		t.Fatalf("BrokerCount = %d", n)
	}
	var revs api.ListConfigurationRevisionsOutput
	admin(t, srv).must(200, "GET", "/v1/configurations/"+cfg.ID+"/revisions?maxResults=100", nil).decode(t, &revs)
	if len(revs.Revisions) != 65 {
		t.Fatalf("%d revisions, want 65", len(revs.Revisions))
	}
	if got := len(srv.Requests()); got != 2+64*7 {
		t.Fatalf("%d requests logged", got)
	}
}

func TestStalledClientDoesNotBlock(t *testing.T) {
	srv := newServer(t)
	// A client that sends half a request and stalls holds only its own
	// connection.
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/brokers HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
	admin(t, srv).must(200, "GET", "/v1/brokers", nil)
	_ = http.StatusOK
}

func TestLoggerHasNoSecrets(t *testing.T) {
	var buf safeBuffer
	srv := newServer(t, mqtest.WithLogger(slog.New(slog.NewJSONHandler(&buf, nil))))
	admin(t, srv).must(200, "POST", "/v1/brokers", brokerBody("b1"))
	out := buf.String()
	if !strings.Contains(out, `"operation":"CreateBroker"`) || !strings.Contains(out, `"status":200`) ||
		strings.Contains(out, "passwordpassword1") || strings.Contains(out, mqtest.DefaultSecretAccessKey) {
		t.Fatalf("log = %s", out)
	}
}

// safeBuffer is a bytes.Buffer safe for the server's goroutines.
type safeBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
