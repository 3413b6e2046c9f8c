package signer

import (
	"crypto/hmac"
	"crypto/subtle"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// defaultMaxSkew is how far AWS lets X-Amz-Date differ from its clock.
const defaultMaxSkew = 5 * time.Minute

// Secret is what a [LookupFunc] knows about an access key.
type Secret struct {
	// SecretAccessKey is the key's secret.
	SecretAccessKey string
	// SessionToken is set for temporary credentials; requests signed with the
	// key must then carry it in X-Amz-Security-Token.
	SessionToken string
}

// LookupFunc returns the secret of an access key id, or false when the id is
// unknown. [Verify] calls it at most once per request, after the
// Authorization header has been parsed.
type LookupFunc func(accessKeyID string) (Secret, bool)

// Identity describes a request whose signature [Verify] accepted.
type Identity struct {
	// AccessKeyID is the access key that signed the request.
	AccessKeyID string
	// Region and Service are the credential scope the request was signed for;
	// Verify accepts any, so the caller checks them.
	Region  string
	Service string
	// SignedHeaders lists the lower-case names of the signed headers.
	SignedHeaders []string
	// Time is the signing time, from X-Amz-Date.
	Time time.Time
}

// verifyConfig holds the settings of one Verify call.
type verifyConfig struct {
	now     func() time.Time
	maxSkew time.Duration
}

// VerifyOption configures [Verify].
type VerifyOption func(*verifyConfig)

// WithVerifyClock sets the clock that [Verify] compares X-Amz-Date with. The
// default is time.Now; a nil now is ignored.
func WithVerifyClock(now func() time.Time) VerifyOption {
	return func(c *verifyConfig) {
		if now != nil {
			c.now = now
		}
	}
}

// WithMaxSkew sets how far X-Amz-Date may lie from the clock, in either
// direction. The default is AWS's 5 minutes; a negative d is ignored.
func WithMaxSkew(d time.Duration) VerifyOption {
	return func(c *verifyConfig) {
		if d >= 0 {
			c.maxSkew = d
		}
	}
}

// Verify checks the SigV4 Authorization header of req, a request received by
// a server whose body is body, and returns who signed it.
//
// It recomputes the signature over the headers the request lists in
// SignedHeaders (so requests from the AWS CLI, which signs other headers than
// the Go SDK, verify too), the request host (req.Host, else req.URL.Host), the
// double-encoded path and the canonical query. When X-Amz-Content-Sha256 is
// signed, its value is the payload hash and must equal the body's hash.
//
// The checks run in this order, each with its own error:
//   - no Authorization header: [ErrMissingAuthentication];
//   - an unusable Authorization header or X-Amz-Date: [*MalformedAuthorizationError];
//   - an access key that lookup does not know (or a nil lookup): [ErrUnknownAccessKey];
//   - a session token that does not match the key's: [ErrInvalidSessionToken];
//   - X-Amz-Date too far from the clock: [*SignatureExpiredError];
//   - any other difference: [ErrSignatureMismatch], compared in constant time.
//
// Every error has a Code method returning the AWS error code to answer with.
// Verify does not check the region or service of the credential scope; the
// caller compares [Identity.Region] and [Identity.Service] with its own.
func Verify(req *http.Request, body []byte, lookup LookupFunc, opts ...VerifyOption) (*Identity, error) {
	cfg := verifyConfig{now: time.Now, maxSkew: defaultMaxSkew}
	for _, opt := range opts {
		opt(&cfg)
	}

	if req == nil || req.URL == nil {
		return nil, malformed("The request has no URL.")
	}
	auths := req.Header.Values(headerAuthorization)
	if len(auths) == 0 || len(auths) == 1 && auths[0] == "" {
		return nil, ErrMissingAuthentication
	}
	if len(auths) > 1 {
		return nil, malformed("Only one Authorization header is allowed.")
	}
	a, err := parseAuthorization(auths[0])
	if err != nil {
		return nil, err
	}
	amzDate := req.Header.Get(headerAmzDate)
	if amzDate == "" {
		return nil, malformed("Authorization header requires existence of a 'X-Amz-Date' header. Authorization=" + auths[0])
	}
	reqTime, err := time.Parse(amzDateLayout, amzDate)
	if err != nil || len(amzDate) != len(amzDateLayout) {
		return nil, malformed("X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z', not '" + amzDate + "'.")
	}
	if a.date != amzDate[:8] {
		return nil, malformed("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			a.date + "' != '" + amzDate[:8] + "', from '" + amzDate + "'.")
	}

	if lookup == nil {
		return nil, ErrUnknownAccessKey
	}
	secret, ok := lookup(a.accessKeyID)
	if !ok {
		return nil, ErrUnknownAccessKey
	}
	if !tokenMatches(req.Header.Values(headerSecurityToken), secret.SessionToken) {
		return nil, ErrInvalidSessionToken
	}

	now := cfg.now()
	if reqTime.Before(now.Add(-cfg.maxSkew)) || reqTime.After(now.Add(cfg.maxSkew)) {
		return nil, &SignatureExpiredError{
			RequestTime:   reqTime,
			ServerTime:    now,
			MaxSkew:       cfg.maxSkew,
			NotYetCurrent: reqTime.After(now),
		}
	}

	payloadHash := PayloadHash(body)
	if a.signs(lowerContentSHA256) {
		declared := req.Header.Get(headerContentSHA256)
		if subtle.ConstantTimeCompare([]byte(declared), []byte(payloadHash)) != 1 {
			return nil, ErrSignatureMismatch
		}
	}

	b := getBuilder()
	defer b.put()
	host := req.URL.Host
	if req.Host != "" {
		host = req.Host
	}
	b.beginCanonical(req)
	b.collectHeaders(req.Header)
	b.buf = b.appendListedHeaders(b.buf, a.signedHeaders, host, req.ContentLength, len(body))
	endCanonical(b, a.signedHeadersRaw, payloadHash)

	key := verifyKeys.get(secret.SecretAccessKey, []byte(a.date), a.region, a.service)
	mac, _ := b.finish(key, []byte(amzDate), a.region, a.service)
	if !hmac.Equal(mac, a.signature[:]) {
		return nil, ErrSignatureMismatch
	}
	return &Identity{
		AccessKeyID:   a.accessKeyID,
		Region:        a.region,
		Service:       a.service,
		SignedHeaders: a.signedHeaders,
		Time:          reqTime,
	}, nil
}

// lowerContentSHA256 is the signed-header name of X-Amz-Content-Sha256.
const lowerContentSHA256 = "x-amz-content-sha256"

// tokenMatches reports whether the X-Amz-Security-Token values of a request
// match the session token of its key: exactly one equal value when the key
// has a token, none (or only empty ones) when it has not.
func tokenMatches(got []string, want string) bool {
	if want == "" {
		return !slices.ContainsFunc(got, func(v string) bool { return v != "" })
	}
	return len(got) == 1 && subtle.ConstantTimeCompare([]byte(got[0]), []byte(want)) == 1
}

// appendListedHeaders appends the canonical headers named in names (sorted,
// lower-case) from b.headers (collected by collectHeaders). host stands for
// "host". content-length is contentLen, what the transport sends whatever the
// header says, unless it is unknown (-1): then the header, else bodyLen. A
// header the request lacks has an empty value.
func (b *builder) appendListedHeaders(dst []byte, names []string, host string, contentLen int64, bodyLen int) []byte {
	hs, order := b.headers, b.order
	i := 0
	for _, name := range names {
		dst = append(dst, name...)
		dst = append(dst, ':')
		for i < len(order) && hs[order[i]].name < name {
			i++
		}
		present := i < len(order) && hs[order[i]].name == name
		switch {
		case name == "host":
			dst = appendHostValue(dst, host)
		case name == "content-length" && (contentLen >= 0 || !present):
			if contentLen < 0 {
				contentLen = int64(bodyLen)
			}
			dst = strconv.AppendInt(dst, contentLen, 10)
		case present:
			dst, i = b.appendValues(dst, i)
		}
		dst = append(dst, '\n')
	}
	return dst
}
