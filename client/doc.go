// Package client is the typed client of the Amazon MQ REST API.
//
// Create one with [New] (the standard AWS credential chain and config) or
// [NewFromConfig] (an aws.Config you already hold), then call one method per
// operation, named exactly after it:
//
//	c, err := client.New(ctx, client.WithRegion("eu-west-1"))
//	out, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: "b-1234"})
//
// The methods and the XxxAll iterators are generated from the Amazon MQ
// model (api/model) by internal/gen. [Client.Invoke] calls an operation
// chosen at run time (an *api.Operation from the table) with the same
// behaviour, and [Client.DryRun] builds and signs its request without
// sending it.
//
// Every method goes through one request path: validate the input (every
// problem listed at once in a *[ValidationError], before anything is sent),
// build the URL (each path parameter escaped as a single segment), encode
// the body and fill the idempotency token once, then for each attempt sign
// with SigV4, send and decode.
//
// # Errors
//
// Error responses are *[APIError] values, which also satisfy
// smithy.APIError. Use errors.Is with the sentinels ([ErrNotFound],
// [ErrConflict], [ErrAccessDenied], ...) or errors.As for the details. For
// the error codes the model defines, errors.As also finds the typed
// exception the official SDK returns (*api.NotFoundException, ...), with
// its ResourceShareErrors.
// Responses that cannot be decoded are *[DecodeError]; transport failures
// are *[RequestError].
//
// # Pagination
//
// Each token-paged operation has an XxxAll method returning an
// iter.Seq2[Item, error]. It is lazy and restartable, never modifies the
// input, and yields an error once before it stops.
//
// # Decoding
//
// Responses are decoded with encoding/json/v2 as the official SDK reads
// them: members this API version does not know are ignored, member names
// match exactly, enum values it does not list are kept (and sent: enums are
// open), a repeated member takes its last value, and a list the response
// sends empty is empty, one it leaves out nil.
//
// # Retries
//
// Calls are retried as in AWS's standard retry mode (3 attempts,
// exponential backoff with full jitter, a retry quota) on throttling, 5xx,
// connection errors (a connection reset or closed before the answer) and
// responses cut short. Operations that are not safe to repeat
// (CreateConfiguration, CreateTags, CreateUser, Promote, RebootBroker,
// UpdateConfiguration) are retried only when the failure shows that the
// service did not process the request. CreateBroker always carries a
// creatorRequestId, generated once per call, so its retries cannot create a
// second broker. A rejection for clock skew is re-signed with the server's
// time and retried once.
//
// # Testing
//
// Package mqtest runs an Amazon MQ emulator on loopback; point a client at
// it with [WithEndpoint].
package client
