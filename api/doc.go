// Package api is the single source of truth of mqrest: the operation table
// of the Amazon MQ REST API (version 2017-11-27) and every wire shape and
// enum.
//
// Each [Operation] row says how the operation travels (method, path
// template, success status, body, pagination, idempotency token), which IAM
// actions it needs and on which resource, and when a failed attempt may be
// retried. The client, the mqtest emulator's router, the IAM policy
// generator, the mqctl CLI and the docs all read [Operations]; adding an
// operation means one row and its shapes.
//
// # Shapes
//
// Inputs and outputs are plain structs named after the operation
// (XxxInput, XxxOutput). JSON tags carry the exact wire names; `mq` tags say
// which members travel in the path or the query and which are required or
// secret. Optional booleans are pointers, because sending false differs from
// leaving the member out; strings, numbers and enums use their zero value
// for "unset". Timestamps are [time.Time] (RFC 3339 on the wire). Enums are
// open: values the API version does not list are kept as received.
//
// # Binding
//
// [Operation.AppendRequestURI], [Operation.EncodeBody] and
// [Operation.Validate] turn an input into a request; [Route] and
// [Operation.DecodeRequest] do the reverse for servers. Every path label is
// escaped as one segment, so no input can address another resource.
package api
