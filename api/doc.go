// Package api is the Amazon MQ REST API (version 2017-11-27) as Go: every
// operation, shape, enum and error of the service, generated from its
// model.
//
// # Where it comes from
//
// The model is data in this repository: api/model/mq.json is AWS's Smithy
// model of Amazon MQ, and api/model/overlay.json says what the model does
// not — each operation's IAM actions and when they are needed, the input
// member that names its resource, its retry rule, waiters, which
// token-paged operations get iterators, the CLI's help and examples, and
// the members holding secrets. The generator internal/gen reads both and
// writes this package's *_gen.go files, the client's methods and
// iterators, the emulator's Service interface, the CLI's command metadata
// and docs/operations.md (`go generate ./...`; a test fails when a written
// file is stale). Adding an operation means the model, one overlay row and
// the emulator's behaviour.
//
// # Operations
//
// [Operations] lists one [Operation] per API operation: how it travels
// (method, path template, success status, body, pagination, idempotency
// token), the IAM [Action]s it needs and on which resource, and when a
// failed attempt may be retried. The client, the mqtest emulator, the IAM
// policy generator, the mqctl CLI and the docs all read it.
//
// # Shapes
//
// Inputs and outputs are plain structs named after the operation
// (XxxInput, XxxOutput), with the model's documentation. JSON tags carry
// the exact wire names; [Members] gives each member's model name, wire
// name, location and traits. Optional booleans are pointers, because
// sending false differs from leaving the member out; strings, numbers and
// enums use their zero value for "unset". Timestamps are [time.Time]
// (RFC 3339 on the wire). Enums are open: a value the API version does
// not list is sent and received as it is, as the official SDK does.
//
// # Binding
//
// [Operation.Validate], [Operation.AppendRequestURI] and
// [Operation.EncodeBody] turn an input into a request, through code
// generated per operation (no reflection); [Operation.DecodeOutput] reads a
// response with encoding/json/v2. Servers route with [net/http.ServeMux]
// by [Operation.Pattern] and read inputs with [Operation.DecodeHTTPRequest]
// and [Operation.ValidateStrict]. Every path label is escaped as one
// segment, so no input can address another resource.
//
// # Errors
//
// Each error shape of the model is a typed exception
// ([NotFoundException], [ConflictException], ...) that satisfies
// smithy.APIError and carries ErrorAttribute, Message and
// ResourceShareErrors; the client's errors unwrap to it, so errors.As
// finds it.
//
// # Secrets
//
// Members the model (or the overlay) marks sensitive — broker user and
// LDAP service account passwords — print as [Redacted] with every fmt verb
// and in slog output; [Redact] and [Operation.RedactBody] give the same
// redacted copy to code that prints shapes by other means. The value is
// still sent on the wire.
package api
