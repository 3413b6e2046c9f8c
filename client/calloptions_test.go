package client_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

func TestCallOptionNilOrBadFailsBeforeSending(t *testing.T) {
	c, f := newFake(t, nil)
	ctx := t.Context()
	in := &api.DescribeBrokerInput{BrokerID: "b-1"}
	check := func(name string, err error, index int, nilOpt bool) {
		t.Helper()
		var oe *client.CallOptionError
		if !errors.As(err, &oe) || oe.Index != index || oe.Operation == "" {
			t.Fatalf("%s: got %v (%T), want a *CallOptionError at %d", name, err, err, index)
		}
		if errors.Is(err, client.ErrNilCallOption) != nilOpt {
			t.Fatalf("%s: errors.Is(ErrNilCallOption) = %v, want %v", name, !nilOpt, nilOpt)
		}
	}
	_, err := c.DescribeBroker(ctx, in, nil)
	check("method", err, 0, true)
	_, err = c.DescribeBroker(ctx, in, client.WithCallMaxAttempts(2), nil)
	check("method, second", err, 1, true)
	_, err = c.Invoke(ctx, api.Lookup("DescribeBroker"), in, nil)
	check("Invoke", err, 0, true)
	req, body, err := c.DryRun(ctx, api.Lookup("DescribeBroker"), in, nil)
	check("DryRun", err, 0, true)
	if req != nil || body != nil {
		t.Fatal("DryRun returned a request with a nil option")
	}
	for _, err := range c.ListBrokersAll(ctx, nil, nil) {
		check("iterator", err, 0, true)
	}
	for name, opt := range map[string]client.CallOption{
		"WithCallMaxAttempts(0)": client.WithCallMaxAttempts(0),
		"WithCallRetryer(nil)":   client.WithCallRetryer(nil),
		"WithCallLogger(nil)":    client.WithCallLogger(nil),
		"WithRequestHook(nil)":   client.WithRequestHook(nil),
		"WithCallTracer(nil)":    client.WithCallTracerProvider(nil),
		"WithCallMeter(nil)":     client.WithCallMeterProvider(nil),
	} {
		_, err := c.DescribeBroker(ctx, in, opt)
		check(name, err, 0, false)
	}
	if n := len(f.got()); n != 0 {
		t.Fatalf("%d requests sent with bad call options", n)
	}
}

func TestCallMaxAttemptsAndRetryer(t *testing.T) {
	c, f := newFake(t, nil, reply(500, nil, `{"message":"boom"}`))
	ctx := t.Context()
	in := &api.DescribeBrokerInput{BrokerID: "b-1"}
	attempts := func(opts ...client.CallOption) int {
		t.Helper()
		before := len(f.got())
		if _, err := c.DescribeBroker(ctx, in, opts...); err == nil {
			t.Fatal("want an error")
		}
		return len(f.got()) - before
	}
	if n := attempts(); n != 3 {
		t.Fatalf("client default: %d attempts, want 3", n)
	}
	if n := attempts(client.WithCallMaxAttempts(1)); n != 1 {
		t.Fatalf("WithCallMaxAttempts(1): %d attempts", n)
	}
	if n := attempts(client.WithCallRetryer(fastRetryer(2))); n != 2 {
		t.Fatalf("WithCallRetryer(2 attempts): %d attempts", n)
	}
	if n := attempts(client.WithCallRetryer(fastRetryer(5)), client.WithCallMaxAttempts(4)); n != 4 {
		t.Fatalf("WithCallRetryer(5) + WithCallMaxAttempts(4): %d attempts", n)
	}
	// The next call is the client's again.
	if n := attempts(); n != 3 {
		t.Fatalf("after call options: %d attempts, want 3", n)
	}
	// A non-idempotent operation is still retried only when unprocessed.
	before := len(f.got())
	if _, err := c.CreateUser(ctx, &api.CreateUserInput{BrokerID: "b-1", Username: "app", Password: "correct-horse-battery-1"},
		client.WithCallRetryer(fastRetryer(5))); err == nil {
		t.Fatal("want an error")
	}
	if n := len(f.got()) - before; n != 1 {
		t.Fatalf("CreateUser with a per-call retryer: %d attempts, want 1", n)
	}
}

func TestCallLogger(t *testing.T) {
	var clientLog, callLog bytes.Buffer
	c, _ := newFake(t, []client.Option{client.WithLogger(slog.New(slog.NewTextHandler(&clientLog, &slog.HandlerOptions{Level: slog.LevelDebug})))})
	l := slog.New(slog.NewTextHandler(&callLog, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if _, err := c.ListBrokers(t.Context(), nil, client.WithCallLogger(l)); err != nil {
		t.Fatal(err)
	}
	if clientLog.Len() != 0 || !strings.Contains(callLog.String(), "operation=ListBrokers") {
		t.Fatalf("client log %q, call log %q", clientLog.String(), callLog.String())
	}
	if _, err := c.ListBrokers(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(clientLog.String(), "operation=ListBrokers") {
		t.Fatalf("client log %q", clientLog.String())
	}
}

func TestRequestHookSeesSignedRequestEachAttempt(t *testing.T) {
	c, f := newFake(t, nil, reply(503, nil, ""), reply(200, nil, `{}`))
	var mu sync.Mutex
	var auths []string
	hook := func(r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		auths = append(auths, r.Header.Get("Authorization"))
		r.Header.Set("X-Hooked", "yes") // not signed: the request stays valid
	}
	second := 0
	if _, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"},
		client.WithRequestHook(hook), client.WithRequestHook(func(*http.Request) { second++ })); err != nil {
		t.Fatal(err)
	}
	got := f.got()
	if len(got) != 2 || len(auths) != 2 || second != 2 {
		t.Fatalf("%d requests, %d + %d hook calls; want 2 each", len(got), len(auths), second)
	}
	for i, r := range got {
		if !strings.HasPrefix(auths[i], "AWS4-HMAC-SHA256 ") || r.Header.Get("Authorization") != auths[i] {
			t.Fatalf("attempt %d: hook saw Authorization %q, server got %q", i+1, auths[i], r.Header.Get("Authorization"))
		}
		if r.Header.Get("X-Hooked") != "yes" {
			t.Fatalf("attempt %d: the hook's header was not sent", i+1)
		}
	}
	// DryRun runs the hook on the signed request it returns.
	var dry *http.Request
	req, _, err := c.DryRun(t.Context(), api.Lookup("ListBrokers"), nil, client.WithRequestHook(func(r *http.Request) { dry = r }))
	if err != nil || dry != req || req.Header.Get("Authorization") == "" {
		t.Fatalf("DryRun: err %v, hook saw %p, returned %p", err, dry, req)
	}
	if len(f.got()) != 2 {
		t.Fatal("DryRun sent a request")
	}
}

// recTracer is a tracing.TracerProvider that records spans.
type recTracer struct {
	mu    sync.Mutex
	spans []*recSpan // in the order they end
}

type recSpan struct {
	t      *recTracer
	name   string
	parent *recSpan
	kind   tracing.SpanKind
	props  map[any]any
	status tracing.SpanStatus
}

type spanKey struct{}

func (t *recTracer) Tracer(string, ...tracing.TracerOption) tracing.Tracer { return t }

func (t *recTracer) StartSpan(ctx context.Context, name string, opts ...tracing.SpanOption) (context.Context, tracing.Span) {
	var o tracing.SpanOptions
	for _, fn := range opts {
		fn(&o)
	}
	s := &recSpan{t: t, name: name, kind: o.Kind, props: map[any]any{}}
	s.parent, _ = ctx.Value(spanKey{}).(*recSpan)
	for _, k := range []string{"rpc.system", "rpc.service", "rpc.method", "operation.attempt"} {
		if v := o.Properties.Get(k); v != nil {
			s.props[k] = v
		}
	}
	return context.WithValue(ctx, spanKey{}, s), s
}

func (s *recSpan) Name() string                            { return s.name }
func (s *recSpan) Context() tracing.SpanContext            { return tracing.SpanContext{} }
func (s *recSpan) AddEvent(string, ...tracing.EventOption) {}
func (s *recSpan) SetStatus(st tracing.SpanStatus)         { s.status = st }
func (s *recSpan) SetProperty(k, v any)                    { s.props[k] = v }
func (s *recSpan) End() {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	s.t.spans = append(s.t.spans, s)
}

func TestCallTracing(t *testing.T) {
	c, _ := newFake(t, nil, reply(503, map[string]string{"X-Amzn-Requestid": "r-1"}, ""),
		reply(404, map[string]string{"X-Amzn-Requestid": "r-2", "X-Amzn-Errortype": "NotFoundException"}, `{"message":"no broker"}`),
		reply(200, nil, `{}`))
	tp := &recTracer{}
	parent := &recSpan{name: "caller"}
	ctx := context.WithValue(t.Context(), spanKey{}, parent)
	_, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: "b-1"}, client.WithCallTracerProvider(tp))
	if !errors.Is(err, client.ErrNotFound) {
		t.Fatal(err)
	}
	if len(tp.spans) != 3 {
		t.Fatalf("%d spans, want 2 attempts and a call", len(tp.spans))
	}
	a1, a2, call := tp.spans[0], tp.spans[1], tp.spans[2]
	if call.name != "mq.DescribeBroker" || call.parent != parent || call.kind != tracing.SpanKindClient ||
		call.status != tracing.SpanStatusError {
		t.Fatalf("call span %+v", call)
	}
	var ae smithy.APIError
	errors.As(err, &ae)
	for k, v := range map[string]any{"rpc.system": "aws-api", "rpc.service": "mq", "rpc.method": "DescribeBroker",
		"error": true, "api.error_code": ae.ErrorCode(), "api.error_message": "no broker", "api.error_fault": "client",
		"exception.type": "*client.APIError", "exception.message": err.Error()} {
		if call.props[k] != v {
			t.Errorf("call span %s = %v, want %v", k, call.props[k], v)
		}
	}
	for i, a := range []*recSpan{a1, a2} {
		if a.name != "Attempt" || a.parent != call || a.props["operation.attempt"] != i+1 {
			t.Fatalf("attempt span %d: %+v", i+1, a)
		}
	}
	if a1.props["aws.request_id"] != "r-1" || a2.props["aws.request_id"] != "r-2" ||
		a1.props["http.status_code"] != 503 || a2.props["http.status_code"] != 404 {
		t.Fatalf("attempt spans %v, %v", a1.props, a2.props)
	}
	// A successful call ends OK; a no-op provider traces nothing.
	if _, err := c.ListBrokers(t.Context(), nil, client.WithCallTracerProvider(tp)); err != nil {
		t.Fatal(err)
	}
	if last := tp.spans[len(tp.spans)-1]; last.status != tracing.SpanStatusOK || last.props["error"] != false {
		t.Fatalf("successful call span %+v", last)
	}
	n := len(tp.spans)
	if _, err := c.ListBrokers(t.Context(), nil, client.WithCallTracerProvider(tracing.NopTracerProvider{})); err != nil {
		t.Fatal(err)
	}
	if len(tp.spans) != n {
		t.Fatal("spans recorded with a no-op provider")
	}
}

// recMeter is a metrics.MeterProvider recording Add and Record calls.
type recMeter struct {
	metrics.NopMeter
	mu   sync.Mutex
	seen []measurement
}

type measurement struct {
	name  string
	value float64
	props map[string]any
}

type recInstrument struct {
	m    *recMeter
	name string
}

func (m *recMeter) Meter(string, ...metrics.MeterOption) metrics.Meter { return m }
func (m *recMeter) Int64Counter(name string, _ ...metrics.InstrumentOption) (metrics.Int64Counter, error) {
	return recInstrument{m, name}, nil
}
func (m *recMeter) Float64Histogram(name string, _ ...metrics.InstrumentOption) (metrics.Float64Histogram, error) {
	return recInstrument{m, name}, nil
}
func (i recInstrument) Add(_ context.Context, v int64, opts ...metrics.RecordMetricOption) {
	i.rec(float64(v), opts)
}
func (i recInstrument) Record(_ context.Context, v float64, opts ...metrics.RecordMetricOption) {
	i.rec(v, opts)
}
func (i recInstrument) rec(v float64, opts []metrics.RecordMetricOption) {
	var o metrics.RecordMetricOptions
	for _, fn := range opts {
		fn(&o)
	}
	props := map[string]any{}
	for _, k := range []string{"rpc.service", "rpc.method", "exception.type"} {
		if p := o.Properties.Get(k); p != nil {
			props[k] = p
		}
	}
	i.m.mu.Lock()
	defer i.m.mu.Unlock()
	i.m.seen = append(i.m.seen, measurement{i.name, v, props})
}

func TestCallMetrics(t *testing.T) {
	c, _ := newFake(t, nil, reply(500, nil, `{"message":"boom"}`), reply(200, nil, `{}`))
	mp := &recMeter{}
	if _, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"}, client.WithCallMeterProvider(mp)); err != nil {
		t.Fatal(err)
	}
	count := map[string]float64{}
	for _, m := range mp.seen {
		if m.props["rpc.service"] != "mq" || m.props["rpc.method"] != "DescribeBroker" {
			t.Fatalf("%s without the operation's attributes: %v", m.name, m.props)
		}
		switch m.name {
		case "client.call.attempts", "client.call.errors":
			count[m.name] += m.value
		case "client.call.duration", "client.call.attempt_duration":
			count[m.name]++
		default:
			t.Fatalf("unknown instrument %s", m.name)
		}
		if m.name == "client.call.errors" && m.props["exception.type"] == nil {
			t.Fatal("client.call.errors without exception.type")
		}
	}
	want := map[string]float64{"client.call.attempts": 2, "client.call.errors": 1, "client.call.duration": 1, "client.call.attempt_duration": 2}
	for k, v := range want {
		if count[k] != v {
			t.Errorf("%s: %v, want %v", k, count[k], v)
		}
	}
}
