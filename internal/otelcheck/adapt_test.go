package otelcheck

import (
	"context"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	otelmetric "go.opentelemetry.io/otel/metric"
	oteltrace "go.opentelemetry.io/otel/trace"
)

// adaptTracer is smithyoteltracing.Adapt: a smithy-go TracerProvider over
// an OpenTelemetry one, where a span's parent is the smithy-go span in the
// context (tracing.GetSpan), else the OpenTelemetry span in it.
func adaptTracer(tp oteltrace.TracerProvider) tracing.TracerProvider { return otelTracerProvider{tp} }

type otelTracerProvider struct{ tp oteltrace.TracerProvider }

func (p otelTracerProvider) Tracer(scope string, _ ...tracing.TracerOption) tracing.Tracer {
	return otelTracer{p.tp.Tracer(scope)}
}

type otelTracer struct{ t oteltrace.Tracer }

func (t otelTracer) StartSpan(ctx context.Context, name string, opts ...tracing.SpanOption) (context.Context, tracing.Span) {
	if parent, ok := tracing.GetSpan(ctx); ok {
		if ps, ok := parent.(*otelSpan); ok {
			ctx = oteltrace.ContextWithSpan(ctx, ps.s)
		}
	}
	var o tracing.SpanOptions
	for _, fn := range opts {
		fn(&o)
	}
	kind := oteltrace.SpanKindInternal
	if o.Kind == tracing.SpanKindClient {
		kind = oteltrace.SpanKindClient
	}
	ctx, s := t.t.Start(ctx, name, oteltrace.WithSpanKind(kind))
	span := &otelSpan{s: s, name: name}
	for k, v := range o.Properties.Values() {
		span.SetProperty(k, v)
	}
	return tracing.WithSpan(ctx, span), span
}

type otelSpan struct {
	s    oteltrace.Span
	name string
}

func (s *otelSpan) Name() string { return s.name }
func (s *otelSpan) Context() tracing.SpanContext {
	sc := s.s.SpanContext()
	return tracing.SpanContext{TraceID: sc.TraceID().String(), SpanID: sc.SpanID().String(), IsRemote: sc.IsRemote()}
}
func (s *otelSpan) AddEvent(name string, _ ...tracing.EventOption) { s.s.AddEvent(name) }
func (s *otelSpan) SetProperty(k, v any) {
	if kv, ok := keyValue(k, v); ok {
		s.s.SetAttributes(kv)
	}
}
func (s *otelSpan) SetStatus(st tracing.SpanStatus) {
	switch st {
	case tracing.SpanStatusOK:
		s.s.SetStatus(codes.Ok, "")
	case tracing.SpanStatusError:
		s.s.SetStatus(codes.Error, "")
	}
}
func (s *otelSpan) End() { s.s.End() }

// keyValue converts a property as the adapters do: string keys, values of
// OpenTelemetry's attribute types; anything else is dropped.
func keyValue(k, v any) (attribute.KeyValue, bool) {
	key, ok := k.(string)
	if !ok {
		return attribute.KeyValue{}, false
	}
	switch v := v.(type) {
	case bool:
		return attribute.Bool(key, v), true
	case int:
		return attribute.Int(key, v), true
	case int64:
		return attribute.Int64(key, v), true
	case float64:
		return attribute.Float64(key, v), true
	case string:
		return attribute.String(key, v), true
	}
	return attribute.KeyValue{}, false
}

func attributes(props smithy.Properties) []attribute.KeyValue {
	var kvs []attribute.KeyValue
	for k, v := range props.Values() {
		if kv, ok := keyValue(k, v); ok {
			kvs = append(kvs, kv)
		}
	}
	return kvs
}

// adaptMeter is smithyotelmetrics.Adapt for the instruments the client
// uses (int64 counters, float64 histograms).
func adaptMeter(mp otelmetric.MeterProvider) metrics.MeterProvider { return otelMeterProvider{mp} }

type otelMeterProvider struct{ mp otelmetric.MeterProvider }

func (p otelMeterProvider) Meter(scope string, _ ...metrics.MeterOption) metrics.Meter {
	return otelMeter{m: p.mp.Meter(scope)}
}

type otelMeter struct {
	metrics.NopMeter
	m otelmetric.Meter
}

func instrumentOptions(opts []metrics.InstrumentOption) metrics.InstrumentOptions {
	var o metrics.InstrumentOptions
	for _, fn := range opts {
		fn(&o)
	}
	return o
}

func recordOptions(opts []metrics.RecordMetricOption) otelmetric.MeasurementOption {
	var o metrics.RecordMetricOptions
	for _, fn := range opts {
		fn(&o)
	}
	return otelmetric.WithAttributes(attributes(o.Properties)...)
}

func (m otelMeter) Int64Counter(name string, opts ...metrics.InstrumentOption) (metrics.Int64Counter, error) {
	o := instrumentOptions(opts)
	c, err := m.m.Int64Counter(name, otelmetric.WithUnit(o.UnitLabel), otelmetric.WithDescription(o.Description))
	return int64Counter{c}, err
}

func (m otelMeter) Float64Histogram(name string, opts ...metrics.InstrumentOption) (metrics.Float64Histogram, error) {
	o := instrumentOptions(opts)
	h, err := m.m.Float64Histogram(name, otelmetric.WithUnit(o.UnitLabel), otelmetric.WithDescription(o.Description))
	return float64Histogram{h}, err
}

type int64Counter struct{ c otelmetric.Int64Counter }

func (c int64Counter) Add(ctx context.Context, v int64, opts ...metrics.RecordMetricOption) {
	c.c.Add(ctx, v, recordOptions(opts))
}

type float64Histogram struct{ h otelmetric.Float64Histogram }

func (h float64Histogram) Record(ctx context.Context, v float64, opts ...metrics.RecordMetricOption) {
	h.h.Record(ctx, v, recordOptions(opts))
}
