package signer

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// headerEntry is one header to canonicalize.
type headerEntry struct {
	name   string   // lower-case name
	key    string   // key in the http.Header map, to order equal names
	values []string // values, for kind plainHeader
	kind   uint8
}

// Kinds of headerEntry.
const (
	plainHeader   uint8 = iota
	hostHeader          // value is the request host
	contentLength       // value is the request's ContentLength
)

// ignoredHeader reports whether aws/signer/v4 leaves the header key out of
// the signature. The match is exact, as in the SDK: only these spellings.
func ignoredHeader(key string) bool {
	switch key {
	case "Authorization", "User-Agent", "X-Amzn-Trace-Id", "Expect", "Transfer-Encoding":
		return true
	}
	return false
}

// lowerName returns the lower-case header name, without allocating for the
// headers an MQ request usually carries.
func lowerName(key string) string {
	switch key {
	case "Amz-Sdk-Invocation-Id":
		return "amz-sdk-invocation-id"
	case "Amz-Sdk-Request":
		return "amz-sdk-request"
	case "Content-Type":
		return "content-type"
	case "Content-Length":
		return "content-length"
	case "Content-Md5":
		return "content-md5"
	case "X-Amz-Date":
		return "x-amz-date"
	case "X-Amz-Security-Token":
		return "x-amz-security-token"
	case "X-Amz-Content-Sha256":
		return "x-amz-content-sha256"
	case "X-Amz-User-Agent":
		return "x-amz-user-agent"
	case "Accept":
		return "accept"
	case "Accept-Encoding":
		return "accept-encoding"
	case "Host":
		return "host"
	}
	return strings.ToLower(key)
}

// collectSignHeaders gathers the headers that aws/signer/v4 signs: host,
// content-length when contentLen > 0 (never the Content-Length header), and
// every header of h but the ignored ones and Host. The result is sorted.
func (b *builder) collectSignHeaders(h http.Header, contentLen int64) {
	b.headers = append(b.headers[:0], headerEntry{name: "host", kind: hostHeader})
	if contentLen > 0 {
		b.headers = append(b.headers, headerEntry{name: "content-length", kind: contentLength})
	}
	for k, v := range h {
		if ignoredHeader(k) || strings.EqualFold(k, "content-length") {
			continue
		}
		name := lowerName(k)
		if name == "host" {
			continue // the SDK signs the request host, not a Host header
		}
		b.headers = append(b.headers, headerEntry{name: name, key: k, values: v})
	}
	b.sortHeaders()
}

// collectHeaders gathers every header of h (Host aside) for verification.
func (b *builder) collectHeaders(h http.Header) {
	b.headers = b.headers[:0]
	for k, v := range h {
		if name := lowerName(k); name != "host" {
			b.headers = append(b.headers, headerEntry{name: name, key: k, values: v})
		}
	}
	b.sortHeaders()
}

// sortHeaders fills b.order with the indexes of b.headers ordered by name,
// then by map key so that keys that differ only in case come out in a fixed
// order. Sorting indexes moves less memory than sorting the entries.
func (b *builder) sortHeaders() {
	b.order = b.order[:0]
	for i := range b.headers {
		b.order = append(b.order, i)
	}
	hs := b.headers
	slices.SortFunc(b.order, func(i, j int) int {
		if c := strings.Compare(hs[i].name, hs[j].name); c != 0 {
			return c
		}
		return cmp.Compare(hs[i].key, hs[j].key)
	})
}

// appendSignHeaders appends the canonical headers of b.headers (collected by
// collectSignHeaders) to dst and their names to b.signed.
func (b *builder) appendSignHeaders(dst []byte, host string, contentLen int64) []byte {
	hs, order := b.headers, b.order
	b.signed = b.signed[:0]
	for i := 0; i < len(order); {
		e := &hs[order[i]]
		name := e.name
		if len(b.signed) > 0 {
			b.signed = append(b.signed, ';')
		}
		b.signed = append(b.signed, name...)
		dst = append(dst, name...)
		dst = append(dst, ':')
		j := i
		switch e.kind {
		case hostHeader:
			dst = appendHostValue(dst, host)
			j++
		case contentLength:
			dst = strconv.AppendInt(dst, contentLen, 10)
			j++
		default:
			dst, j = b.appendValues(dst, i)
		}
		dst = append(dst, '\n')
		i = j
	}
	return dst
}

// appendValues appends the values of the i-th header in sorted order and of
// the ones after it with the same name, trimmed and joined with ','. It
// returns the next index into b.order.
func (b *builder) appendValues(dst []byte, i int) ([]byte, int) {
	hs, order := b.headers, b.order
	name := hs[order[i]].name
	first := true
	j := i
	for ; j < len(order) && hs[order[j]].name == name; j++ {
		for _, v := range hs[order[j]].values {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = appendHeaderValue(dst, v)
		}
	}
	return dst, j
}

// appendHeaderValue appends v without leading and trailing white space and
// with each run of spaces collapsed to one, as the SDK's
// strings.TrimSpace(StripExcessSpaces(v)) does.
func appendHeaderValue(dst []byte, v string) []byte {
	return appendCollapsed(dst, strings.TrimSpace(v))
}

// appendHostValue appends host as the SDK's StripExcessSpaces(host) does:
// only spaces are trimmed, other white space is kept.
func appendHostValue(dst []byte, host string) []byte {
	i, j := 0, len(host)
	for j > 0 && host[j-1] == ' ' {
		j--
	}
	for i < j && host[i] == ' ' {
		i++
	}
	return appendCollapsed(dst, host[i:j])
}

// appendCollapsed appends v with each run of spaces collapsed to one.
func appendCollapsed(dst []byte, v string) []byte {
	if !strings.Contains(v, "  ") {
		return append(dst, v...)
	}
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' && space {
			continue
		}
		space = c == ' '
		dst = append(dst, c)
	}
	return dst
}
