package mqtest

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// NoBackoffRetryer returns AWS's standard retryer (aws/retry), which decides
// what is retried exactly as in production, with maxAttempts attempts (at
// least 1), no delay between them and no retry quota, so that a test
// injecting faults ([Handler.FailNext], [Handler.SetFaultRate]) runs its
// retries at once and never runs out of them. Give it to a client, e.g.
// with this module's client.WithRetryer(mqtest.NoBackoffRetryer(3)), or as
// the Retryer of an aws.Config for the official SDK.
func NoBackoffRetryer(maxAttempts int) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = max(maxAttempts, 1)
		o.Backoff = noBackoff{}
		o.RateLimiter = ratelimit.None
	})
}

// noBackoff is a retry delay of zero.
type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }
