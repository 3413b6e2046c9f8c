package client

import (
	"log/slog"
	"testing"

	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"

	"github.com/mqrest/mqrest/api"
)

// A call without call options, tracer or meter costs what it did before
// they existed: configuring it allocates nothing.
func TestConfigureWithoutOptionsAllocatesNothing(t *testing.T) {
	c := &Client{retryer: DefaultRetryer(3), logger: slog.New(discardHandler{})}
	op := api.Lookup("DescribeBroker")
	if n := testing.AllocsPerRun(100, func() {
		cfg, err := c.configure(op, nil)
		if err != nil || cfg.obs.on() {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("configure allocates %v times", n)
	}
}

// oneTracer is a provider that is not tracing.NopTracerProvider.
type oneTracer struct{}

func (oneTracer) Tracer(string, ...tracing.TracerOption) tracing.Tracer {
	return tracing.NopTracerProvider{}.Tracer("")
}

func TestObservabilityOptions(t *testing.T) {
	var o options
	if err := WithTracerProvider(oneTracer{})(&o); err != nil || o.obs.tracer == nil {
		t.Fatalf("WithTracerProvider: %v, tracer %v", err, o.obs.tracer)
	}
	if err := WithTracerProvider(tracing.NopTracerProvider{})(&o); err != nil || o.obs.tracer != nil {
		t.Fatal("a no-op tracer provider should turn tracing off")
	}
	if err := WithMeterProvider(metrics.NopMeterProvider{})(&o); err != nil || o.obs.metrics != nil {
		t.Fatal("a no-op meter provider should turn metrics off")
	}
	if err := WithMeterProvider(nopMeters{})(&o); err != nil || o.obs.metrics == nil {
		t.Fatalf("WithMeterProvider: %v", err)
	}
	if WithTracerProvider(nil)(&o) == nil || WithMeterProvider(nil)(&o) == nil {
		t.Fatal("nil providers accepted")
	}
	if o.obs.on() != true {
		t.Fatal("metrics set: on")
	}
}

// nopMeters is a provider that is not metrics.NopMeterProvider.
type nopMeters struct{}

func (nopMeters) Meter(string, ...metrics.MeterOption) metrics.Meter { return metrics.NopMeter{} }
