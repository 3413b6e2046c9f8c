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
// # Endpoint
//
// The endpoint is resolved as aws-sdk-go-v2's service clients resolve it
// ("service-specific endpoints", service identifier "mq"), the same in
// [New], [NewFromConfig] and mqctl, first match wins:
//
//  1. [WithEndpoint];
//  2. AWS_ENDPOINT_URL_MQ;
//  3. the mq endpoint_url of the profile's services section (a profile's
//     "services = NAME" names a "[services NAME]" section holding
//     "mq =" and an indented "endpoint_url = URL"), unless
//     AWS_ENDPOINT_URL is set;
//  4. aws.Config.BaseEndpoint, which config.LoadDefaultConfig sets from
//     AWS_ENDPOINT_URL, else the profile's endpoint_url;
//  5. the AWS endpoint of the Region (with [WithFIPS], [WithDualStack]).
//
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, or a profile's
// ignore_configured_endpoint_urls = true (the environment wins), turns 2
// to 4 off, except a BaseEndpoint set in code. [NewFromConfig] reads the
// environment and the profile through cfg.ConfigSources, as the SDK does:
// an aws.Config built by hand has none, so only its BaseEndpoint counts.
// [New] reads them even when its options give the Region and the
// credentials (then it loads only the environment and the shared config
// profile, and sets up no credential chain). [ConfiguredEndpoint] tells
// what an aws.Config resolves to; [Client.Endpoint] where a client sends.
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
// responses cut short; never on a failure of this side that a retry cannot
// fix (a header value net/http refuses, a response header too large).
// Operations that are not safe to repeat (CreateConfiguration, CreateTags,
// CreateUser, Promote, RebootBroker, UpdateConfiguration) are retried only
// when the failure shows that the service did not process the request,
// whatever the retryer. CreateBroker always carries a creatorRequestId,
// generated once per call, so its retries cannot create a second broker. A
// rejection for clock skew is re-signed with the server's time and retried
// once.
//
// The retryer is chosen as the SDK's service clients choose it, first
// match wins: [WithRetryer] (with [WithMaxAttempts] on top); else
// aws.Config.Retryer, with [WithMaxAttempts] or aws.Config.RetryMaxAttempts
// on top; else one for aws.Config.RetryMode, "standard" ([DefaultRetryer])
// or "adaptive" ([AdaptiveRetryer]: the standard mode plus client-side
// rate limiting after throttling, waiting within the call's context), with
// [WithMaxAttempts], else aws.Config.RetryMaxAttempts, else 3 attempts.
// config.LoadDefaultConfig, and [New], take RetryMaxAttempts from
// AWS_MAX_ATTEMPTS, else the profile's max_attempts, and RetryMode from
// AWS_RETRY_MODE, else retry_mode. A retryer with attempt tokens
// (aws.RetryerV2, such as the adaptive mode) gets one per attempt, as in
// the SDK's retry middleware.
//
// # Testing
//
// Package mqtest runs an Amazon MQ emulator on loopback; a client for it is
// NewFromConfig(srv.AWSConfig(), WithClock(srv.Clock().Now)), and
// [WaitOptions].Sleep = srv.Clock().Sleep makes waiters follow its clock.
package client
