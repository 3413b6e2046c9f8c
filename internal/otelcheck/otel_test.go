package otelcheck

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}, nil
})

type noDelay struct{ aws.Retryer }

func (noDelay) RetryDelay(int, error) (time.Duration, error) { return 0, nil }

// server answers the first request 503 (request ID r-1), the others 200
// (r-2, ...).
func server(t *testing.T) string {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		i := n.Add(1)
		w.Header().Set("X-Amzn-Requestid", "r-"+string(rune('0'+i)))
		if i == 1 {
			w.WriteHeader(503)
			return
		}
		_, _ = io.WriteString(w, `{"brokerId":"b-1","brokerState":"RUNNING"}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func newClient(t *testing.T, opts ...client.Option) *client.Client {
	base := []client.Option{client.WithRegion("us-east-1"), client.WithCredentials(creds),
		client.WithEndpoint(server(t)), client.WithRetryer(noDelay{client.DefaultRetryer(3)})}
	c, err := client.New(t.Context(), append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func attrs(kvs []attribute.KeyValue) map[string]any {
	m := map[string]any{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

func want(t *testing.T, what string, got map[string]any, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s = %v (%T), want %v", what, k, got[k], got[k], v)
		}
	}
}

func TestSpansThroughOpenTelemetry(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	c := newClient(t)

	ctx, parent := tp.Tracer("test").Start(t.Context(), "caller")
	_, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: "b-1"}, client.WithCallTracerProvider(adaptTracer(tp)))
	parent.End()
	if err != nil {
		t.Fatal(err)
	}
	spans := exp.GetSpans()
	if len(spans) != 4 {
		t.Fatalf("%d spans, want 2 attempts, the call and the caller", len(spans))
	}
	a1, a2, call := spans[0], spans[1], spans[2]
	if call.Name != "mq.DescribeBroker" || call.SpanKind != oteltrace.SpanKindClient || call.Status.Code != codes.Ok ||
		call.Parent.SpanID() != parent.SpanContext().SpanID() {
		t.Fatalf("call span: %s kind %v status %v parent %v", call.Name, call.SpanKind, call.Status, call.Parent.SpanID())
	}
	if call.InstrumentationScope.Name != "github.com/mqrest/mqrest/client" {
		t.Errorf("scope %q", call.InstrumentationScope.Name)
	}
	want(t, "call span", attrs(call.Attributes), map[string]any{
		"rpc.system": "aws-api", "rpc.service": "mq", "rpc.method": "DescribeBroker", "error": false})
	for i, a := range []tracetest.SpanStub{a1, a2} {
		if a.Name != "Attempt" || a.Parent.SpanID() != call.SpanContext.SpanID() || a.SpanContext.TraceID() != parent.SpanContext().TraceID() {
			t.Fatalf("attempt %d: %s, parent %v", i+1, a.Name, a.Parent.SpanID())
		}
	}
	want(t, "attempt 1", attrs(a1.Attributes), map[string]any{"operation.attempt": int64(1), "aws.request_id": "r-1", "http.status_code": int64(503)})
	want(t, "attempt 2", attrs(a2.Attributes), map[string]any{"operation.attempt": int64(2), "aws.request_id": "r-2", "http.status_code": int64(200)})
}

func TestFailedCallSpan(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	c := newClient(t)
	_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"},
		client.WithCallTracerProvider(adaptTracer(tp)), client.WithCallMaxAttempts(1))
	var ae *client.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an API error, got %v", err)
	}
	spans := exp.GetSpans()
	if len(spans) != 2 {
		t.Fatalf("%d spans, want an attempt and the call", len(spans))
	}
	call := spans[1]
	if call.Status.Code != codes.Error {
		t.Errorf("status %v", call.Status)
	}
	want(t, "failed call span", attrs(call.Attributes), map[string]any{"error": true, "exception.type": "*client.APIError",
		"exception.message": err.Error(), "api.error_code": ae.ErrorCode(), "api.error_fault": "server"})
}

func TestMetricsThroughOpenTelemetry(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer func() { _ = mp.Shutdown(context.Background()) }()
	c := newClient(t)
	if _, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"}, client.WithCallMeterProvider(adaptMeter(mp))); err != nil {
		t.Fatal(err)
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(t.Context(), &rm); err != nil {
		t.Fatal(err)
	}
	if len(rm.ScopeMetrics) != 1 || rm.ScopeMetrics[0].Scope.Name != "github.com/mqrest/mqrest/client" {
		t.Fatalf("scopes %+v", rm.ScopeMetrics)
	}
	op := map[string]any{"rpc.service": "mq", "rpc.method": "DescribeBroker"}
	got := map[string]bool{}
	for _, m := range rm.ScopeMetrics[0].Metrics {
		got[m.Name] = true
		switch d := m.Data.(type) {
		case metricdata.Histogram[float64]:
			if m.Unit != "s" || len(d.DataPoints) != 1 {
				t.Fatalf("%s: unit %q, %d points", m.Name, m.Unit, len(d.DataPoints))
			}
			n := map[string]uint64{"client.call.duration": 1, "client.call.attempt_duration": 2}[m.Name]
			if d.DataPoints[0].Count != n {
				t.Errorf("%s: %d measurements, want %d", m.Name, d.DataPoints[0].Count, n)
			}
			want(t, m.Name, attrs(d.DataPoints[0].Attributes.ToSlice()), op)
		case metricdata.Sum[int64]:
			if len(d.DataPoints) != 1 {
				t.Fatalf("%s: %d points", m.Name, len(d.DataPoints))
			}
			p := d.DataPoints[0]
			a := attrs(p.Attributes.ToSlice())
			want(t, m.Name, a, op)
			switch m.Name {
			case "client.call.attempts":
				if p.Value != 2 || m.Unit != "{attempt}" {
					t.Errorf("attempts %d %q", p.Value, m.Unit)
				}
			case "client.call.errors":
				if p.Value != 1 || m.Unit != "{error}" || a["exception.type"] == nil {
					t.Errorf("errors %d %q %v", p.Value, m.Unit, a)
				}
			}
		default:
			t.Errorf("%s: %T", m.Name, m.Data)
		}
	}
	for _, name := range []string{"client.call.duration", "client.call.attempt_duration", "client.call.attempts", "client.call.errors"} {
		if !got[name] {
			t.Errorf("no %s", name)
		}
	}
}

// The client-wide providers: the same spans for every call.
func TestClientTracerProvider(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer func() { _ = mp.Shutdown(context.Background()) }()
	c := newClient(t, client.WithTracerProvider(adaptTracer(tp)), client.WithMeterProvider(adaptMeter(mp)))
	if _, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"}); err != nil {
		t.Fatal(err)
	}
	if len(exp.GetSpans()) == 0 {
		t.Fatal("no span: the client did not take WithTracerProvider")
	}
	if n := len(exp.GetSpans()); n != 3 {
		t.Fatalf("%d spans, want 2 attempts and the call", n)
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(t.Context(), &rm); err != nil || len(rm.ScopeMetrics) != 1 || len(rm.ScopeMetrics[0].Metrics) != 4 {
		t.Fatalf("metrics %+v, %v", rm, err)
	}
}
