package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"

	"github.com/mqrest/mqrest/api"
)

// Tracing and metrics go through smithy-go's interfaces, as in the
// official SDK, with the SDK's names: an adapter such as smithy-go's
// OpenTelemetry ones (tracing/smithy-otel-tracing, metrics/smithy-otel-metrics)
// plugs in unchanged.
//
// Spans: one per call, "mq.<Operation>" (kind client; rpc.system=aws-api,
// rpc.service=mq, rpc.method; at its end error, and on failure
// exception.type, exception.message, api.error_code, api.error_message,
// api.error_fault), and under it one per attempt, "Attempt"
// (operation.attempt, aws.request_id, http.status_code).
//
// Metrics, each with rpc.service and rpc.method: client.call.duration
// (seconds, the whole call with its retries), client.call.attempts,
// client.call.attempt_duration (seconds) and client.call.errors (failed
// attempts, with exception.type: the error code, or the Go type).

const (
	// instrumentationScope names the tracer and meter of the client.
	instrumentationScope = "github.com/mqrest/mqrest/client"
	// serviceID is rpc.service, as the SDK's mq.ServiceID.
	serviceID = "mq"
)

// observability is what the client reports calls to: tracing and metrics.
// The zero value reports nothing and costs nothing on the request path.
type observability struct {
	tracer  tracing.Tracer // nil: no spans
	metrics *callMetrics   // nil: no metrics
}

// callMetrics are the SDK's operation instruments.
type callMetrics struct {
	duration        metrics.Float64Histogram
	attemptDuration metrics.Float64Histogram
	attempts        metrics.Int64Counter
	errors          metrics.Int64Counter
}

func (o *observability) on() bool { return o != nil && (o.tracer != nil || o.metrics != nil) }

// setTracerProvider makes o trace through tp; a no-op provider turns
// tracing off, as in the SDK.
func (o *observability) setTracerProvider(tp tracing.TracerProvider) {
	switch tp.(type) {
	case tracing.NopTracerProvider, *tracing.NopTracerProvider:
		o.tracer = nil
	default:
		o.tracer = tp.Tracer(instrumentationScope)
	}
}

// setMeterProvider makes o measure through mp, creating the instruments
// once; a no-op provider turns metrics off, as in the SDK.
func (o *observability) setMeterProvider(mp metrics.MeterProvider) error {
	switch mp.(type) {
	case metrics.NopMeterProvider, *metrics.NopMeterProvider:
		o.metrics = nil
		return nil
	}
	m := mp.Meter(instrumentationScope)
	var cm callMetrics
	var err error
	if cm.duration, err = m.Float64Histogram("client.call.duration", unit("s",
		"Overall call duration (including retries and time to send or receive request and response body)")); err != nil {
		return err
	}
	if cm.attempts, err = m.Int64Counter("client.call.attempts", unit("{attempt}",
		"The number of attempts for an individual operation")); err != nil {
		return err
	}
	if cm.errors, err = m.Int64Counter("client.call.errors", unit("{error}",
		"The number of errors for an operation")); err != nil {
		return err
	}
	if cm.attemptDuration, err = m.Float64Histogram("client.call.attempt_duration", unit("s",
		"The time it takes to connect to the service, send the request, and get back HTTP status code and headers (including time queued waiting to be sent)")); err != nil {
		return err
	}
	o.metrics = &cm
	return nil
}

func unit(label, desc string) metrics.InstrumentOption {
	return func(o *metrics.InstrumentOptions) { o.UnitLabel = label; o.Description = desc }
}

// operationMetadata is the attributes of every measurement of op.
func operationMetadata(op *api.Operation) metrics.RecordMetricOption {
	return func(o *metrics.RecordMetricOptions) {
		o.Properties.Set("rpc.service", serviceID)
		o.Properties.Set("rpc.method", op.Name)
	}
}

// startCall starts the span of a call of op; the span is nil without a
// tracer.
func (o *observability) startCall(ctx context.Context, op *api.Operation) (context.Context, tracing.Span) {
	if o.tracer == nil {
		return ctx, nil
	}
	ctx = tracing.WithOperationTracer(ctx, o.tracer)
	return o.tracer.StartSpan(ctx, serviceID+"."+op.Name, func(so *tracing.SpanOptions) {
		so.Kind = tracing.SpanKindClient
		so.Properties.Set("rpc.system", "aws-api")
		so.Properties.Set("rpc.method", op.Name)
		so.Properties.Set("rpc.service", serviceID)
	})
}

// endCall ends the span of a call and records its duration.
func (o *observability) endCall(ctx context.Context, op *api.Operation, span tracing.Span, start time.Time, err error) {
	if o.metrics != nil {
		o.metrics.duration.Record(ctx, time.Since(start).Seconds(), operationMetadata(op))
	}
	if span == nil {
		return
	}
	if err != nil {
		span.SetProperty("exception.type", fmt.Sprintf("%T", err))
		span.SetProperty("exception.message", err.Error())
		var ae smithy.APIError
		if errors.As(err, &ae) {
			span.SetProperty("api.error_code", ae.ErrorCode())
			span.SetProperty("api.error_message", ae.ErrorMessage())
			span.SetProperty("api.error_fault", ae.ErrorFault().String())
		}
	}
	span.SetProperty("error", err != nil)
	if err == nil {
		span.SetStatus(tracing.SpanStatusOK)
	} else {
		span.SetStatus(tracing.SpanStatusError)
	}
	span.End()
}

// startAttempt starts the span of an attempt and counts it.
func (o *observability) startAttempt(ctx context.Context, op *api.Operation, attempt int) (context.Context, tracing.Span) {
	if o.metrics != nil {
		o.metrics.attempts.Add(ctx, 1, operationMetadata(op))
	}
	if o.tracer == nil {
		return ctx, nil
	}
	return o.tracer.StartSpan(ctx, "Attempt", func(so *tracing.SpanOptions) {
		so.Properties.Set("operation.attempt", attempt)
	})
}

// endAttempt ends the span of an attempt and records its duration and
// failure.
func (o *observability) endAttempt(ctx context.Context, cl *call, span tracing.Span, start time.Time, err error) {
	if m := o.metrics; m != nil {
		m.attemptDuration.Record(ctx, time.Since(start).Seconds(), operationMetadata(cl.op))
		if err != nil {
			m.errors.Add(ctx, 1, operationMetadata(cl.op), func(mo *metrics.RecordMetricOptions) {
				mo.Properties.Set("exception.type", errorType(err))
			})
		}
	}
	if span == nil {
		return
	}
	if cl.status != 0 {
		span.SetProperty("http.status_code", cl.status)
	}
	if cl.requestID != "" {
		span.SetProperty("aws.request_id", cl.requestID)
	}
	span.End()
}

// errorType is exception.type of client.call.errors, as in the SDK: the
// error code of an API error, otherwise the error's Go type.
func errorType(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return fmt.Sprintf("%T", err)
}

// WithTracerProvider makes the client trace its calls through tp, a
// smithy-go TracerProvider as the official SDK takes (wrap an
// OpenTelemetry one with smithy-go's smithyoteltracing.Adapt): a span
// "mq.<Operation>" per call and under it a span "Attempt" per attempt,
// with the SDK's attributes. A call's spans are children of the span in
// its context.
func WithTracerProvider(tp tracing.TracerProvider) Option {
	return func(o *options) error {
		if tp == nil {
			return errors.New("mqrest: WithTracerProvider: nil provider")
		}
		o.obs.setTracerProvider(tp)
		return nil
	}
}

// WithMeterProvider makes the client measure its calls through mp, a
// smithy-go MeterProvider as the official SDK takes (wrap an OpenTelemetry
// one with smithy-go's smithyotelmetrics.Adapt), with the SDK's
// instruments: client.call.duration, client.call.attempts,
// client.call.attempt_duration and client.call.errors, each with
// rpc.service and rpc.method.
func WithMeterProvider(mp metrics.MeterProvider) Option {
	return func(o *options) error {
		if mp == nil {
			return errors.New("mqrest: WithMeterProvider: nil provider")
		}
		if err := o.obs.setMeterProvider(mp); err != nil {
			return fmt.Errorf("mqrest: WithMeterProvider: %w", err)
		}
		return nil
	}
}
