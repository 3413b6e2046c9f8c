package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCanonicalRequestCaptured checks the canonical requests and strings to
// sign that capture.md §4.1 and §4.2 print.
func TestCanonicalRequestCaptured(t *testing.T) {
	tests := map[string]struct {
		method, url, invocationID, body string
		wantCanonical, wantStringToSign string
		wantSignature                   string
	}{
		"DeleteTags": {
			method:       "DELETE",
			url:          "http://127.0.0.1:45337/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A123456789012%3Abroker%3Amy%20b%2Fx%3Ab-1?tagKeys=a&tagKeys=b%20c",
			invocationID: "5855921a-af9b-4350-a9b9-248c644f928f",
			wantCanonical: `DELETE
/v1/tags/arn%253Aaws%253Amq%253Aus-east-1%253A123456789012%253Abroker%253Amy%2520b%252Fx%253Ab-1
tagKeys=a&tagKeys=b%20c
amz-sdk-invocation-id:5855921a-af9b-4350-a9b9-248c644f928f
amz-sdk-request:attempt=1; max=1
host:127.0.0.1:45337
x-amz-date:20261126T043216Z
x-amz-security-token:tok

amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
			wantStringToSign: `AWS4-HMAC-SHA256
20261126T043216Z
20261126/us-east-1/mq/aws4_request
11391a9c8649564bd73f4ffd208734d6376eb583afddc7034dd24078d1b0f497`,
			wantSignature: "cf073a9ddeaed92faec59cba9930c42d2368260d9546bef8b9f46d45508c1b44",
		},
		"UpdateUser": {
			method:       "PUT",
			url:          "http://127.0.0.1:45337/v1/brokers/b-1/users/us%20er",
			invocationID: "8079e782-28c0-4f07-9753-21ffa58f8b93",
			body:         `{"groups":[]}`,
			wantCanonical: `PUT
/v1/brokers/b-1/users/us%2520er

amz-sdk-invocation-id:8079e782-28c0-4f07-9753-21ffa58f8b93
amz-sdk-request:attempt=1; max=1
content-length:13
content-type:application/json
host:127.0.0.1:45337
x-amz-date:20261126T043216Z
x-amz-security-token:tok

amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-security-token
47aec4b16657492be8ea01cac39a2b54a0485f848fdc1bae4e70dd6bad83abd8`,
			wantStringToSign: `AWS4-HMAC-SHA256
20261126T043216Z
20261126/us-east-1/mq/aws4_request
330fb44fb75e17dab19c9ac16b474864e5d2f7646d4b30757568897a9c6b638a`,
			wantSignature: "57441eda08382c1a3f0132fceba60b72d3119a4e915b303fb4eb10bbf4757350",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Amz-Sdk-Invocation-Id", tc.invocationID)
			req.Header.Set("Amz-Sdk-Request", "attempt=1; max=1")
			req.Header.Set("User-Agent", "aws-sdk-go-v2/1.41.9")
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			req.Header.Set("X-Amz-Date", "20261126T043216Z")
			req.Header.Set("X-Amz-Security-Token", "tok")

			b := getBuilder()
			defer b.put()
			buildSignRequest(b, req, req.URL.Host, PayloadHash([]byte(tc.body)))
			if got := string(b.buf); got != tc.wantCanonical {
				t.Errorf("canonical request:\n%s\nwant:\n%s", got, tc.wantCanonical)
			}
			key := deriveKey(keyID{secret: "secret", day: 20261126, region: "us-east-1", service: "mq"}, "20261126")
			mac, scope := b.finish(key, []byte("20261126T043216Z"), "us-east-1", "mq")
			if got := string(b.sts); got != tc.wantStringToSign {
				t.Errorf("string to sign:\n%s\nwant:\n%s", got, tc.wantStringToSign)
			}
			if got := string(scope); got != "20261126/us-east-1/mq/aws4_request" {
				t.Errorf("scope = %q", got)
			}
			if got := hex.EncodeToString(mac); got != tc.wantSignature {
				t.Errorf("signature = %s, want %s", got, tc.wantSignature)
			}
		})
	}
}

// TestDeriveKey checks capture.md §4.3 and the pads against crypto/hmac.
func TestDeriveKey(t *testing.T) {
	k := deriveKey(keyID{secret: "secret", region: "us-east-1", service: "mq"}, "20261126")
	if got, want := hex.EncodeToString(k.key[:]), "09054e808ed2afe980565bcfe5b7a546b0c3e3c54e255c911b164f52c0a3263c"; got != want {
		t.Errorf("signing key = %s, want %s", got, want)
	}
	b := getBuilder()
	defer b.put()
	for _, msg := range []string{"", "a", strings.Repeat("string to sign\n", 20)} {
		m := hmac.New(sha256.New, k.key[:])
		m.Write([]byte(msg))
		if got, want := b.hmac(k, []byte(msg)), m.Sum(nil); !hmac.Equal(got, want) {
			t.Errorf("hmac(%q) = %x, want %x", msg, got, want)
		}
	}
}

func TestKeyCache(t *testing.T) {
	var c keyCache
	k1 := c.get("s", []byte("20261126"), "us-east-1", "mq")
	if k2 := c.get("s", []byte("20261126"), "us-east-1", "mq"); k2 != k1 {
		t.Error("same key derived twice")
	}
	if k3 := c.get("other", []byte("20261126"), "us-east-1", "mq"); k3 == k1 || k3.key == k1.key {
		t.Error("different secret, same key")
	}
	if k4 := c.get("s", []byte("20261126"), "us-east-1", "mq"); k4 != k1 {
		t.Error("key not kept in the map")
	}
	for i := range 3 * maxCachedKeys {
		c.get(fmt.Sprint("secret", i), []byte("20261127"), "us-east-1", "mq")
	}
	if n := len(c.keys); n > maxCachedKeys {
		t.Errorf("cache holds %d keys, more than %d", n, maxCachedKeys)
	}
	if k := c.get("s", []byte("+1000001"), "us-east-1", "mq"); k == nil {
		t.Error("no key for an odd date")
	}

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				secret := fmt.Sprint("s", (g+i)%5)
				date := []byte(fmt.Sprintf("202611%02d", 1+i%28))
				got := c.get(secret, date, "us-east-1", "mq")
				want := deriveKey(keyID{secret: secret, region: "us-east-1", service: "mq"}, string(date))
				if got.key != want.key {
					t.Errorf("wrong key for %s %s", secret, date)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestAppendAmzDate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	times := []time.Time{
		time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC),
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for range 1000 {
		times = append(times, time.Unix(r.Int64N(1<<36)-1<<35, r.Int64N(1e9)).UTC())
	}
	for _, tm := range times {
		if got, want := string(appendAmzDate(nil, tm)), tm.Format(amzDateLayout); got != want {
			t.Errorf("appendAmzDate(%v) = %s, want %s", tm, got, want)
		}
	}
}

func TestCanonicalURI(t *testing.T) {
	tests := map[string]struct {
		url  *url.URL
		want string
	}{
		"empty":          {&url.URL{}, "/"},
		"root":           {&url.URL{Path: "/"}, "/"},
		"plain":          {&url.URL{Path: "/v1/brokers/b-1"}, "/v1/brokers/b-1"},
		"space":          {&url.URL{Path: "/v1/brokers/b-1/users/a b"}, "/v1/brokers/b-1/users/a%2520b"},
		"raw path":       {&url.URL{Path: "/v1/tags/a:b/c", RawPath: "/v1/tags/a%3Ab%2Fc"}, "/v1/tags/a%253Ab%252Fc"},
		"unicode":        {&url.URL{Path: "/v1/brokers/é"}, "/v1/brokers/%25C3%25A9"},
		"percent":        {&url.URL{Path: "/v1/brokers/100%"}, "/v1/brokers/100%2525"},
		"reserved kept":  {&url.URL{Path: "/a-b.c_d~e"}, "/a-b.c_d~e"},
		"sub-delims":     {&url.URL{Path: "/a:b@c!$&'()*+,;="}, "/a%3Ab%40c%2521%24%26%2527%2528%2529%252A%2B%2C%3B%3D"}, // EscapedPath escapes !'()*
		"opaque":         {&url.URL{Opaque: "//example.com/a%20b?x=1"}, "/a%2520b"},
		"opaque no path": {&url.URL{Opaque: "//example.com"}, "/"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := string(appendCanonicalURI(nil, tc.url)); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestCanonicalQuery(t *testing.T) {
	tests := map[string]struct{ raw, want string }{
		"empty":             {"", ""},
		"sorted by key":     {"b=2&a=1", "a=1&b=2"},
		"repeated keys":     {"k=b&k=a&k=a%20b", "k=a&k=a%20b&k=b"},
		"plus is space":     {"nextToken=a+b", "nextToken=a%20b"},
		"re-encoded":        {"nextToken=a%20b%2Bc%2F%3D", "nextToken=a%20b%2Bc%2F%3D"},
		"raw reserved":      {"k=a/b:c", "k=a%2Fb%3Ac"},
		"lower-case escape": {"k=%2f", "k=%2F"},
		"unreserved escape": {"k=%41%7E", "k=A~"},
		"no value":          {"a&b=", "a=&b="},
		"empty key":         {"=v", "=v"},
		"empty segments":    {"&&a=1&", "a=1"},
		"semicolon dropped": {"a=1;b=2&c=3", "c=3"},
		"bad escape":        {"a=%zz&b=%4&c=1", "c=1"},
		"unicode":           {"k=é", "k=%C3%A9"},
		"sort after encode": {"k=a-b&k=a/b", "k=a%2Fb&k=a-b"},
		"key then value":    {"a=2&a-b=1&a=1", "a=1&a=2&a-b=1"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			b := getBuilder()
			defer b.put()
			if got := string(b.appendCanonicalQuery(nil, tc.raw)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("over the net/url limit", func(t *testing.T) {
		b := getBuilder()
		defer b.put()
		if got := string(b.appendCanonicalQuery(nil, strings.Repeat("a=1&", maxQueryParams))); got != "" {
			t.Errorf("got %d bytes, want none (url.ParseQuery keeps nothing)", len(got))
		}
		few := strings.TrimSuffix(strings.Repeat("a=1&", maxQueryParams), "&")
		if got := b.appendCanonicalQuery(nil, few); len(got) != len(few) {
			t.Errorf("got %d bytes, want %d", len(got), len(few))
		}
	})
}

func TestHeaderValue(t *testing.T) {
	tests := map[string]struct{ in, want, wantHost string }{
		"plain":          {"a", "a", "a"},
		"outer spaces":   {"  a b  ", "a b", "a b"},
		"inner spaces":   {"a   b    c", "a b c", "a b c"},
		"tabs":           {"\ta\t", "a", "\ta\t"},
		"tab and spaces": {"\t  a  \t", "a", "\t a \t"},
		"inner tab":      {"a \t  b", "a \t b", "a \t b"},
		"empty":          {"", "", ""},
		"only spaces":    {"    ", "", ""},
		"unicode space":  {"\u00a0a\u00a0", "a", "\u00a0a\u00a0"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := string(appendHeaderValue(nil, tc.in)); got != tc.want {
				t.Errorf("header value %q, want %q", got, tc.want)
			}
			if got := string(appendHostValue(nil, tc.in)); got != tc.wantHost {
				t.Errorf("host value %q, want %q", got, tc.wantHost)
			}
		})
	}
}

func TestSanitizeHost(t *testing.T) {
	tests := map[string]struct{ url, host, want string }{
		"https default":  {"https://example.com:443/", "", "example.com"},
		"http default":   {"http://example.com:80/", "", "example.com"},
		"upper scheme":   {"HTTPS://example.com:443/", "", "example.com"},
		"other port":     {"https://example.com:8443/", "", ""},
		"http on 443":    {"http://example.com:443/", "", ""},
		"no port":        {"https://example.com/", "", ""},
		"req.Host wins":  {"https://example.com/", "other.com:443", "other.com"},
		"ipv6 default":   {"https://[::1]:443/", "", "::1"},
		"ipv6 non-deflt": {"https://[::1]:8443/", "", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest("GET", tc.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = tc.host
			sanitizeHost(req)
			want := tc.want
			if want == "" {
				want = tc.host
			}
			if req.Host != want {
				t.Errorf("Host = %q, want %q", req.Host, want)
			}
		})
	}
}

// TestAddParsedQuery checks the path taken for queries beyond net/url's
// parameter limit on a small query.
func TestAddParsedQuery(t *testing.T) {
	b := getBuilder()
	defer b.put()
	b.addParsedQuery("b=2&a=x+y&a=%2F&bad=%zz")
	var got []string
	for _, p := range b.pairs {
		got = append(got, string(b.query[p.ks:p.ke])+"="+string(b.query[p.ke:p.ve]))
	}
	slices.Sort(got)
	if want := "a=%2F a=x%20y b=2"; strings.Join(got, " ") != want {
		t.Errorf("pairs %q, want %s", got, want)
	}
}

// TestHeadersDifferingInCase checks the documented order for map keys that
// lower-case to the same name (aws/signer/v4 uses map order there): values
// of the smaller key first, and both signed under one name.
func TestHeadersDifferingInCase(t *testing.T) {
	h := http.Header{
		"X-Foo":  {"a"},
		"x-foo":  {"c", " d "},
		"X-FOO":  {"b"},
		"Host":   {"ignored"},
		"host":   {"ignored too"},
		"Accept": {},
	}
	b := getBuilder()
	defer b.put()
	b.collectSignHeaders(h, 0)
	got := string(b.appendSignHeaders(nil, "example.com", 0))
	want := "accept:\nhost:example.com\nx-foo:b,a,c,d\n"
	if got != want || string(b.signed) != "accept;host;x-foo" {
		t.Errorf("canonical headers %q (signed %q), want %q", got, b.signed, want)
	}
}
