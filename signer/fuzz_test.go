package signer_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/mqrest/mqrest/signer"
)

// verifyMutation changes one part of a correctly signed request, as a
// server received it, by data at pos. It reports whether the result is
// still the same request for SigV4 (same canonical request), so that it
// must verify; every other result must not.
type verifyMutation struct {
	name  string
	apply func(req *http.Request, body *[]byte, pos int, data string) (same bool)
}

// verifyMutations are the mutations FuzzVerify picks from.
var verifyMutations = []verifyMutation{
	{"none", func(*http.Request, *[]byte, int, string) bool { return true }},
	{"signed header", func(req *http.Request, _ *[]byte, pos int, data string) bool {
		names := []string{"Content-Type", "Amz-Sdk-Invocation-Id", "Amz-Sdk-Request", "X-Amz-Security-Token"}
		name := names[pos%len(names)]
		req.Header[name] = []string{req.Header.Get(name) + "#" + data}
		return false
	}},
	{"unsigned header", func(req *http.Request, _ *[]byte, pos int, data string) bool {
		req.Header[[]string{"User-Agent", "X-Unsigned", "Accept-Encoding"}[pos%3]] = []string{data}
		return true
	}},
	{"host", func(req *http.Request, _ *[]byte, pos int, data string) bool {
		orig := req.Host
		req.Host = splice(orig, pos, data)
		return collapseSpaces(strings.Trim(req.Host, " ")) == orig
	}},
	{"path", func(req *http.Request, _ *[]byte, pos int, data string) bool {
		orig := req.URL.EscapedPath()
		req.URL.RawPath = splice(orig, pos, data)
		if p, err := url.PathUnescape(req.URL.RawPath); err == nil {
			req.URL.Path = p
		} else {
			req.URL.Path = req.URL.RawPath
		}
		return req.URL.EscapedPath() == orig
	}},
	{"query", func(req *http.Request, _ *[]byte, pos int, data string) bool {
		orig := req.URL.RawQuery
		req.URL.RawQuery = splice(orig, pos, data)
		return canonicalQuery(req.URL.RawQuery) == canonicalQuery(orig)
	}},
	{"body", func(_ *http.Request, body *[]byte, pos int, data string) bool {
		*body = []byte(splice(string(*body), pos, data))
		return data == ""
	}},
	{"date", func(req *http.Request, _ *[]byte, _ int, data string) bool {
		orig := req.Header.Get("X-Amz-Date")
		req.Header.Set("X-Amz-Date", data)
		return data == orig
	}},
	{"method", func(req *http.Request, _ *[]byte, _ int, data string) bool {
		orig := req.Method
		req.Method = data
		return data == orig
	}},
	{"signature", func(req *http.Request, _ *[]byte, _ int, data string) bool {
		auth := req.Header.Get("Authorization")
		i := strings.Index(auth, "Signature=") + len("Signature=")
		orig := auth[i:]
		req.Header.Set("Authorization", auth[:i]+data)
		// The header is split on commas and each part trimmed: what follows
		// a comma must be blank, and the signature is hex in either case.
		sig, rest, _ := strings.Cut(data, ",")
		for _, p := range strings.Split(rest, ",") {
			if strings.TrimSpace(p) != "" {
				return false
			}
		}
		return strings.EqualFold(strings.TrimRightFunc(sig, unicode.IsSpace), orig)
	}},
}

// FuzzVerify mutates a correctly signed request — a signed or unsigned
// header, the host, path, query, body, date, method or signature — and
// checks that Verify never panics, that every error has an AWS code, and
// that exactly the requests that are still the signed one verify.
func FuzzVerify(f *testing.F) {
	f.Add(uint8(0), uint16(0), "")
	f.Add(uint8(1), uint16(3), "x")
	f.Add(uint8(2), uint16(0), "curl/8.5")
	f.Add(uint8(3), uint16(0), " ")
	f.Add(uint8(4), uint16(12), "%2F")
	f.Add(uint8(5), uint16(0), "&x=1")
	f.Add(uint8(5), uint16(3), "%20")
	f.Add(uint8(6), uint16(1), " ")
	f.Add(uint8(7), uint16(0), "20261126T043217Z")
	f.Add(uint8(8), uint16(0), "POST")
	f.Add(uint8(9), uint16(0), strings.Repeat("0", 64))

	f.Fuzz(func(t *testing.T, kind uint8, pos uint16, data string) {
		m := verifyMutations[int(kind)%len(verifyMutations)]
		req, body := signedWireRequest(t, verifyToken, nil)
		same := m.apply(req, &body, int(pos), data)
		_, err := signer.Verify(req, body, lookupFor(exampleSecret, verifyToken), signer.WithVerifyClock(fixedClock(captureTime)))
		if err != nil {
			if _, ok := err.(interface{ Code() string }); !ok {
				t.Fatalf("%s: error without a code: %T %v", m.name, err, err)
			}
		}
		switch {
		case same && err != nil:
			t.Fatalf("%s %q: the request is still the signed one, yet Verify: %v", m.name, data, err)
		case !same && err == nil:
			t.Fatalf("%s %q: a changed request verified", m.name, data)
		}
	})
}

// splice inserts data into s at pos (modulo the length).
func splice(s string, pos int, data string) string {
	pos %= len(s) + 1
	return s[:pos] + data + s[pos:]
}

// collapseSpaces turns every run of spaces into one.
func collapseSpaces(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

// canonicalQuery is the SigV4 canonical query of raw, computed with
// net/url: every pair url.ParseQuery keeps, escaped with %20 for space,
// sorted by key then value.
func canonicalQuery(raw string) string {
	vals, _ := url.ParseQuery(raw)
	var pairs []string
	for k, vs := range vals {
		for _, v := range vs {
			pairs = append(pairs, awsEscape(k)+"="+awsEscape(v))
		}
	}
	slices.SortFunc(pairs, func(a, b string) int {
		ka, va, _ := strings.Cut(a, "=")
		kb, vb, _ := strings.Cut(b, "=")
		if c := strings.Compare(ka, kb); c != 0 {
			return c
		}
		return strings.Compare(va, vb)
	})
	return strings.Join(pairs, "&")
}

// awsEscape is url.QueryEscape with a space as %20, which is AWS's URI
// encoding: only A-Z a-z 0-9 - . _ ~ are kept.
func awsEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
