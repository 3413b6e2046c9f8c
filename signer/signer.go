package signer

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// defaultService is the SigV4 signing name of Amazon MQ.
const defaultService = "mq"

// Signer signs HTTP requests with AWS Signature Version 4 for one region and
// service. It is immutable after [New] and safe for concurrent use. Printing
// a Signer with fmt shows its region and service, never credentials.
type Signer struct {
	region  string
	service string
	now     func() time.Time
	secrets *secrets // nil: anonymous, requests stay unsigned
}

// secrets holds what a Signer must not print. It sits behind a pointer, and
// its fields behind pointers too, because fmt follows at most one pointer of
// a value whose String method it cannot call (an unexported field).
type secrets struct {
	creds aws.CredentialsProvider // always an *aws.CredentialsCache
	keys  *keyCache
}

// Option configures a [Signer] in [New].
type Option func(*Signer)

// WithClock sets the clock that [Signer.Sign] reads the signing time from.
// The default is time.Now; tests set a fixed clock. A nil now is ignored.
func WithClock(now func() time.Time) Option {
	return func(s *Signer) {
		if now != nil {
			s.now = now
		}
	}
}

// WithService sets the signing name of the service, "mq" by default. An
// empty name is ignored.
func WithService(name string) Option {
	return func(s *Signer) {
		if name != "" {
			s.service = name
		}
	}
}

// New returns a Signer that signs for region with the credentials of creds.
//
// creds is wrapped in an aws.CredentialsCache unless it already is one, so a
// provider is asked again only when its credentials expire. A nil creds, or
// aws.AnonymousCredentials, makes an anonymous Signer whose Sign and SignAt
// leave requests unsigned.
func New(creds aws.CredentialsProvider, region string, opts ...Option) *Signer {
	s := &Signer{region: region, service: defaultService, now: time.Now}
	for _, opt := range opts {
		opt(s)
	}
	if creds != nil && !aws.IsCredentialsProvider(creds, (*aws.AnonymousCredentials)(nil)) {
		c, ok := creds.(*aws.CredentialsCache)
		if !ok {
			c = aws.NewCredentialsCache(creds)
		}
		s.secrets = &secrets{creds: c, keys: new(keyCache)}
	}
	return s
}

// Region returns the region the Signer signs for.
func (s *Signer) Region() string { return s.region }

// String describes the Signer without its credentials. It has a value
// receiver so that a Signer value prints the same way as a pointer.
func (s Signer) String() string {
	mode := "credentials"
	if s.secrets == nil {
		mode = "anonymous"
	}
	return "signer.Signer{region: " + s.region + ", service: " + s.service + ", " + mode + "}"
}

// GoString is String, so that %#v does not print credentials either.
func (s Signer) GoString() string { return s.String() }
