package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

const (
	algorithm        = "AWS4-HMAC-SHA256"
	scopeTerminator  = "aws4_request"
	emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	upperHex         = "0123456789ABCDEF"

	// maxPooledBuffer keeps one huge request from pinning its buffers in the pool.
	maxPooledBuffer = 64 << 10
)

// builder holds the reusable buffers that one signature needs: the canonical
// request, the query pairs, the SignedHeaders list and the string to sign.
// Builders come from builderPool and must be returned with put.
type builder struct {
	buf     []byte // canonical request
	query   []byte // canonical query keys and values, unsorted
	signed  []byte // SignedHeaders value
	sts     []byte // string to sign
	pairs   []queryPair
	headers []headerEntry
	order   []int     // indexes into headers, sorted by sortHeaders
	h       hash.Hash // SHA-256, reused for HMAC
	mac     [sha256.Size]byte
}

var builderPool = sync.Pool{New: func() any {
	return &builder{
		buf:     make([]byte, 0, 1024),
		query:   make([]byte, 0, 256),
		signed:  make([]byte, 0, 128),
		sts:     make([]byte, 0, 192),
		pairs:   make([]queryPair, 0, 8),
		headers: make([]headerEntry, 0, 12),
		order:   make([]int, 0, 12),
		h:       sha256.New(),
	}
}}

func getBuilder() *builder { return builderPool.Get().(*builder) }

// put returns b to the pool, dropping references into the request.
func (b *builder) put() {
	if cap(b.buf) > maxPooledBuffer || cap(b.query) > maxPooledBuffer || cap(b.headers) > 256 {
		return
	}
	clear(b.headers)
	b.buf, b.query, b.signed, b.sts = b.buf[:0], b.query[:0], b.signed[:0], b.sts[:0]
	b.pairs, b.headers, b.order = b.pairs[:0], b.headers[:0], b.order[:0]
	builderPool.Put(b)
}

// uriPath returns the escaped path of u as aws/signer/v4 picks it: from
// URL.Opaque ("//host/path") when set, else URL.EscapedPath, else "/".
func uriPath(u *url.URL) string {
	var p string
	if u.Opaque != "" {
		o := u.Opaque
		if i := strings.IndexByte(o, '?'); i >= 0 {
			o = o[:i]
		}
		o = strings.TrimPrefix(o, "//")
		if i := strings.IndexByte(o, '/'); i >= 0 {
			p = o[i:]
		}
	} else {
		p = u.EscapedPath()
	}
	if p == "" {
		p = "/"
	}
	return p
}

// appendCanonicalURI appends the canonical URI of u: its escaped path escaped
// once more, every byte but A-Z a-z 0-9 - . _ ~ and / becoming %XX. This is
// the double encoding that every service but S3 expects.
func appendCanonicalURI(dst []byte, u *url.URL) []byte {
	p := uriPath(u)
	for i := 0; i < len(p); i++ {
		if c := p[i]; c == '/' || unreserved(c) {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}

// unreserved reports whether c is an RFC 3986 unreserved byte.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// appendEscaped appends c, percent-encoded unless it is unreserved.
func appendEscaped(dst []byte, c byte) []byte {
	if unreserved(c) {
		return append(dst, c)
	}
	return append(dst, '%', upperHex[c>>4], upperHex[c&15])
}

// beginCanonical starts the canonical request of req in b.buf: method,
// canonical URI and canonical query, each followed by a newline. It returns
// where the canonical query lies in b.buf.
func (b *builder) beginCanonical(req *http.Request) (qStart, qEnd int) {
	buf := append(b.buf[:0], req.Method...)
	buf = append(buf, '\n')
	buf = appendCanonicalURI(buf, req.URL)
	buf = append(buf, '\n')
	qStart = len(buf)
	buf = b.appendCanonicalQuery(buf, req.URL.RawQuery)
	qEnd = len(buf)
	b.buf = append(buf, '\n')
	return qStart, qEnd
}

// endCanonical ends the canonical request in b.buf, after the canonical
// headers: a blank line, the signed header names and the payload hash.
func endCanonical[S, H ~string | ~[]byte](b *builder, signedHeaders S, payloadHash H) {
	buf := append(b.buf, '\n')
	buf = append(buf, signedHeaders...)
	buf = append(buf, '\n')
	b.buf = append(buf, payloadHash...)
}

// finish hashes the canonical request in b.buf, builds the string to sign in
// b.sts and returns the HMAC-SHA256 signature (backed by b.mac) together with
// the credential scope (backed by b.sts). amzDate is the X-Amz-Date value.
func (b *builder) finish(k *signingKey, amzDate []byte, region, service string) (mac, scope []byte) {
	sum := sha256.Sum256(b.buf)
	b.sts = append(b.sts[:0], algorithm+"\n"...)
	b.sts = append(b.sts, amzDate...)
	b.sts = append(b.sts, '\n')
	start := len(b.sts)
	b.sts = appendScope(b.sts, amzDate[:len(amzDate)-8], region, service)
	end := len(b.sts)
	b.sts = append(b.sts, '\n')
	b.sts = hex.AppendEncode(b.sts, sum[:])
	return b.hmac(k, b.sts), b.sts[start:end]
}

// appendScope appends the credential scope date/region/service/aws4_request.
func appendScope(dst, date []byte, region, service string) []byte {
	dst = append(dst, date...)
	dst = append(dst, '/')
	dst = append(dst, region...)
	dst = append(dst, '/')
	dst = append(dst, service...)
	dst = append(dst, '/')
	return append(dst, scopeTerminator...)
}

// hmac returns HMAC-SHA256(k, msg), computed with k's precomputed pads and
// the pooled hash so that nothing is allocated. The result is backed by b.mac.
func (b *builder) hmac(k *signingKey, msg []byte) []byte {
	h := b.h
	h.Reset()
	h.Write(k.ipad[:])
	h.Write(msg)
	inner := h.Sum(b.mac[:0])
	h.Reset()
	h.Write(k.opad[:])
	h.Write(inner)
	return h.Sum(b.mac[:0])
}
