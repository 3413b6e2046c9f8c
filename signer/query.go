package signer

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
)

// maxQueryParams is net/url's default limit on query parameters; beyond it
// url.ParseQuery, and so aws/signer/v4, keeps none.
const maxQueryParams = 10000

// queryPair locates one encoded key (query[ks:ke]) and value (query[ke:ve]).
type queryPair struct{ ks, ke, ve int }

// appendQueryComponent decodes s as url.QueryUnescape does ('+' is a space)
// and appends it re-encoded for SigV4 (space is %20). It reports false, like
// QueryUnescape, when s holds a malformed %-escape.
func appendQueryComponent(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return dst, false
			}
			c = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		case '+':
			c = ' '
		}
		dst = appendEscaped(dst, c)
	}
	return dst, true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// appendCanonicalQuery appends the canonical query string of the raw query:
// the pairs that url.ParseQuery accepts, each key and value decoded and
// re-encoded, sorted by key then value, joined with '&'.
func (b *builder) appendCanonicalQuery(dst []byte, raw string) []byte {
	b.query, b.pairs = b.query[:0], b.pairs[:0]
	if strings.Count(raw, "&") >= maxQueryParams {
		b.addParsedQuery(raw)
		raw = ""
	}
	for raw != "" {
		var seg string
		seg, raw, _ = strings.Cut(raw, "&")
		if seg == "" || strings.IndexByte(seg, ';') >= 0 {
			continue // url.ParseQuery drops these
		}
		k, v, _ := strings.Cut(seg, "=")
		start := len(b.query)
		q, ok := appendQueryComponent(b.query, k)
		mid := len(q)
		if ok {
			q, ok = appendQueryComponent(q, v)
		}
		if !ok {
			b.query = q[:start]
			continue
		}
		b.query = q
		b.pairs = append(b.pairs, queryPair{start, mid, len(q)})
	}

	q := b.query
	slices.SortFunc(b.pairs, func(x, y queryPair) int {
		if c := bytes.Compare(q[x.ks:x.ke], q[y.ks:y.ke]); c != 0 {
			return c
		}
		return bytes.Compare(q[x.ke:x.ve], q[y.ke:y.ve])
	})
	for i, p := range b.pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, q[p.ks:p.ke]...)
		dst = append(dst, '=')
		dst = append(dst, q[p.ke:p.ve]...)
	}
	return dst
}

// addParsedQuery handles a query with more parameters than the fast path
// mirrors: it defers to url.ParseQuery, limits included.
func (b *builder) addParsedQuery(raw string) {
	vals, _ := url.ParseQuery(raw)
	for k, vs := range vals {
		for _, v := range vs {
			start := len(b.query)
			for i := 0; i < len(k); i++ {
				b.query = appendEscaped(b.query, k[i])
			}
			mid := len(b.query)
			for i := 0; i < len(v); i++ {
				b.query = appendEscaped(b.query, v[i])
			}
			b.pairs = append(b.pairs, queryPair{start, mid, len(b.query)})
		}
	}
}
