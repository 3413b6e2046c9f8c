// Package otelcheck checks, with OpenTelemetry's in-memory exporters, that
// the client's tracing and metrics plug into OpenTelemetry through
// smithy-go's interfaces as the official SDK's do: the spans, metric names
// and attributes an OpenTelemetry backend receives. It is a module of its
// own so that the library's go.mod needs no OpenTelemetry dependency.
//
// The adapters (adapt_test.go) do what smithy-go's smithyoteltracing and
// smithyotelmetrics do; those modules are not served by the module proxy
// this repository builds with, so the test carries their few lines.
package otelcheck
