package signer

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/logging"
)

// TestSignMatchesSDK signs randomized requests with Signer and with
// aws-sdk-go-v2's v4.Signer and requires identical results: Authorization,
// every other header, req.Host and req.URL.RawQuery.
func TestSignMatchesSDK(t *testing.T) {
	const n = 600
	r := rand.New(rand.NewPCG(20261126, 45337))
	verified := 0
	for i := range n {
		tc := randomSigningCase(r)
		ctx := context.Background()
		mine, sdk := tc.req.Clone(ctx), tc.req.Clone(ctx)

		s := New(staticProvider(tc.creds), tc.region, WithService(tc.service), WithClock(func() time.Time { return tc.at }))
		var err error
		if i%2 == 0 {
			err = s.Sign(ctx, mine, tc.body)
		} else {
			err = s.SignAt(ctx, mine, PayloadHash(tc.body), tc.at)
		}
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		var sdkLog bytes.Buffer
		err = v4.NewSigner(func(o *v4.SignerOptions) {
			o.LogSigning = true
			o.Logger = logging.LoggerFunc(func(_ logging.Classification, format string, v ...any) {
				fmt.Fprintf(&sdkLog, format, v...)
			})
		}).SignHTTP(ctx, tc.creds, sdk, PayloadHash(tc.body), tc.service, tc.region, tc.at)
		if err != nil {
			t.Fatalf("case %d: v4.Signer: %v", i, err)
		}

		if !reflect.DeepEqual(mine.Header, sdk.Header) || mine.Host != sdk.Host || mine.URL.RawQuery != sdk.URL.RawQuery {
			b := getBuilder()
			host := mine.URL.Host
			if mine.Host != "" {
				host = mine.Host
			}
			buildSignRequest(b, mine, host, PayloadHash(tc.body))
			t.Errorf("case %d: %s %s differs from v4.Signer\nAuthorization:\n mine %q\n  sdk %q\nHost: %q vs %q\nRawQuery: %q vs %q\nheaders:\n mine %q\n  sdk %q\nour canonical request:\n%s\nSDK log:\n%s",
				i, tc.req.Method, tc.req.URL, mine.Header.Get("Authorization"), sdk.Header.Get("Authorization"),
				mine.Host, sdk.Host, mine.URL.RawQuery, sdk.URL.RawQuery, mine.Header, sdk.Header, b.buf, sdkLog.String())
			b.put()
		}

		if verifiable(tc, sdk) {
			verified++
			lookup := func(id string) (Secret, bool) {
				return Secret{SecretAccessKey: tc.creds.SecretAccessKey, SessionToken: sdk.Header.Get("X-Amz-Security-Token")}, id == tc.creds.AccessKeyID
			}
			if _, err := Verify(sdk, tc.body, lookup, WithVerifyClock(func() time.Time { return tc.at })); err != nil {
				t.Errorf("case %d: Verify of the v4.Signer request: %v\nheaders %q\nSDK log:\n%s", i, err, sdk.Header, sdkLog.String())
			}
		}
	}
	if verified < n/3 {
		t.Errorf("only %d of %d requests were verifiable", verified, n)
	}
}

// verifiable reports whether Verify can be expected to accept the signed
// request req: it rejects what a server never sees (header keys differing
// only in case) and what it refuses by design (an empty region, a '/' in the
// access key, an X-Amz-Content-Sha256 that is not the body's hash, several
// session tokens).
func verifiable(tc signingCase, req *http.Request) bool {
	if tc.region == "" || strings.Contains(tc.creds.AccessKeyID, "/") || len(req.Header.Values("X-Amz-Security-Token")) > 1 {
		return false
	}
	seen := map[string]bool{}
	for k := range req.Header {
		lower := strings.ToLower(k)
		if seen[lower] {
			return false
		}
		seen[lower] = true
	}
	if v, ok := req.Header["X-Amz-Content-Sha256"]; ok && (len(v) != 1 || v[0] != PayloadHash(tc.body)) {
		return false
	}
	return true
}

// signingCase is one randomized request with what it is signed with.
type signingCase struct {
	req             *http.Request
	body            []byte
	creds           aws.Credentials
	region, service string
	at              time.Time
}

// staticProvider returns a provider of fixed credentials.
func staticProvider(c aws.Credentials) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return c, nil })
}

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// randomString returns up to max runes drawn from alphabet.
func randomString(r *rand.Rand, alphabet []string, max int) string {
	var b strings.Builder
	for range r.IntN(max + 1) {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

var (
	pathAlphabet = strings.Split("a|b|Z|0|9|-|.|_|~| |%|/|:|@|!|$|&|'|(|)|*|+|,|;|=|?|#|é|世|\x7f|%2F|%20|%zz", "|")
	queryAlpha   = strings.Split("a|b|Z|0|-|.|_|~| |+|%|/|:|=|?|@|é|世|%20|%2B|%2f|%41|%zz|%4", "|")
	valueAlpha   = strings.Split("a|b|Z|0| | | |\t|,|;|=|:|é|\u00a0|\"|/", "|")
)

// randomPath returns a URL with a random path written in one of the ways a
// caller can: Path only, Path with RawPath (well or oddly escaped), or Opaque.
func randomPath(r *rand.Rand, u *url.URL) {
	segs := make([]string, r.IntN(5))
	for i := range segs {
		segs[i] = randomString(r, pathAlphabet, 6)
	}
	path := "/" + strings.Join(segs, "/")
	switch r.IntN(5) {
	case 0: // Path only; EscapedPath escapes it
		u.Path = path
	case 1: // each segment escaped, as the mqrest client does
		esc := make([]string, len(segs))
		for i, s := range segs {
			esc[i] = url.PathEscape(s)
		}
		u.Path, u.RawPath = path, "/"+strings.Join(esc, "/")
	case 2: // every byte escaped, lower-case hex
		var b strings.Builder
		for i := 0; i < len(path); i++ {
			if path[i] == '/' {
				b.WriteByte('/')
			} else {
				fmt.Fprintf(&b, "%%%02x", path[i])
			}
		}
		u.Path, u.RawPath = path, b.String()
	case 3: // a RawPath that does not match Path
		u.Path, u.RawPath = path, "/x%2Fy"
	case 4: // Opaque, the SDK's documented pre-escaping
		u.Opaque = "//" + u.Host + (&url.URL{Path: path}).EscapedPath()
		if r.IntN(3) == 0 {
			u.Opaque += "?ignored=1"
		}
	}
}

// randomQuery returns a raw query with repeated keys, both space encodings,
// raw reserved bytes and the odd malformed pair.
func randomQuery(r *rand.Rand) string {
	var parts []string
	for range r.IntN(7) {
		k := pick(r, "a", "b", "tagKeys", "A", "a b", "é", "k%2F", "x+y", "", "maxResults", "nextToken")
		if r.IntN(3) == 0 {
			k = randomString(r, queryAlpha, 4)
		}
		v := randomString(r, queryAlpha, 8)
		switch r.IntN(6) {
		case 0:
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		case 1:
			parts = append(parts, strings.ReplaceAll(url.QueryEscape(k), "+", "%20")+"="+url.PathEscape(v))
		case 2:
			parts = append(parts, k+"="+v) // raw
		case 3:
			parts = append(parts, url.QueryEscape(k)) // no '='
		case 4:
			parts = append(parts, "") // empty segment
		case 5:
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v)+pick(r, ";x=1", "%", "%g0", ""))
		}
	}
	return strings.Join(parts, "&")
}

// Header names for randomHeaders: canonical, non-canonical, ignored, and the
// ones the signer treats specially.
var headerNames = []string{
	"Content-Type", "X-Custom", "X-Amz-Target", "Accept", "Amz-Sdk-Request", "Amz-Sdk-Invocation-Id",
	"Content-Md5", "X-Amz-Meta-Foo", "Cache-Control", "If-Match", "X-Amz-Content-Sha256", "Accept-Encoding",
	"x-lower", "X-MiXeD-case", "x_under", "user-agent", "authorization", "content-length", "Content-Length",
	"CONTENT-LENGTH", "Host", "host", "User-Agent", "Expect", "Transfer-Encoding", "X-Amzn-Trace-Id",
	"X-Amz-Date", "X-Amz-Security-Token", "Authorization", "X-ÄBC", "x-äbc-2", "X-Amz-User-Agent",
}

// randomHeaders sets random headers on h. Names that differ only in case are
// avoided where the SDK's result would depend on map order.
func randomHeaders(r *rand.Rand, h http.Header) {
	used := map[string]bool{}
	for range r.IntN(8) {
		name := pick(r, headerNames...)
		lower := strings.ToLower(name)
		collisionFree := lower == "host" || lower == "content-length"
		if used[lower] && !collisionFree {
			continue
		}
		used[lower] = true
		var vals []string
		switch r.IntN(8) {
		case 0:
			vals = []string{}
		case 1:
			vals = nil
		default:
			for range 1 + r.IntN(3) {
				vals = append(vals, randomString(r, valueAlpha, 10))
			}
		}
		h[name] = vals
	}
}

func randomSigningCase(r *rand.Rand) signingCase {
	body := make([]byte, pick(r, 0, 0, 1, 2, 17, 600))
	for i := range body {
		body[i] = byte(r.IntN(256))
	}
	req, err := http.NewRequest("POST", "http://placeholder/", bytes.NewReader(body))
	if err != nil {
		panic(err)
	}
	req.Method = pick(r, "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "", "get")
	switch r.IntN(6) {
	case 0:
		req.ContentLength = -1
	case 1:
		req.ContentLength = r.Int64N(1000)
	}
	u := &url.URL{
		Scheme: pick(r, "http", "https", "HTTPS"),
		Host: pick(r, "mq.us-east-1.amazonaws.com", "127.0.0.1:45337", "example.com:443", "example.com:80",
			"[::1]:443", "[::1]:8080", "localhost:8443", ""),
	}
	randomPath(r, u)
	u.RawQuery = randomQuery(r)
	req.URL = u
	req.Host = pick(r, "", "", "", "override.example.com", "override.example.com:443", " spaced  host ", "example.com:80")
	randomHeaders(r, req.Header)

	creds := aws.Credentials{
		AccessKeyID:     pick(r, "AKIDEXAMPLE", "ASIAEXAMPLE", "A/B"),
		SecretAccessKey: randomString(r, strings.Split("abcXYZ019+/= é", ""), 50),
	}
	if r.IntN(2) == 0 {
		creds.SessionToken = randomString(r, valueAlpha, 20)
	}
	zone := pick(r, time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600))
	return signingCase{
		req:     req,
		body:    body,
		creds:   creds,
		region:  pick(r, "us-east-1", "eu-west-1", "cn-north-1", ""),
		service: pick(r, "mq", "mq", "mq", "service", "execute-api"),
		at:      time.Unix(r.Int64N(4102444800), r.Int64N(1e9)).In(zone),
	}
}
