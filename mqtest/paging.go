package mqtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"

	"github.com/mqrest/mqrest/api"
)

// defaultPageSize is the page size when maxResults is not sent.
const defaultPageSize = 20

// page returns the bounds [lo, hi) of the page of n items to serve, the
// token of the next page ("" on the last page) and the page size used.
//
// maxResults must lie in 1..100 (the model's range; the api package checks
// the values it can see, page checks an explicit 0). nextToken is opaque:
// base64url of the offset and an HMAC over the operation, the scope (the
// broker, configuration or filters the listing is about) and the offset, so
// a forged or foreign token is a 400 with errorAttribute "nextToken".
func (c *call) page(scope string, n int) (lo, hi int, next string, size int32, err error) {
	pg := c.op.Paging
	if p := pg.PageSizeOf(c.in); p != nil {
		size = *p
	}
	if key := pageSizeKey(c.op); key != "" && size == 0 {
		if vs, ok := c.query[key]; ok && len(vs) > 0 {
			return 0, 0, "", 0, badRequest(key, "The request failed because [%s] must be between 1 and 100.", key)
		}
	}
	if size == 0 {
		size = defaultPageSize
	}
	if tok := *pg.Token(c.in); tok != "" {
		off, ok := c.h.parseToken(c.op.Name, scope, tok)
		if !ok {
			return 0, 0, "", 0, badRequest("nextToken", "The request failed because [nextToken] is not a valid pagination token.")
		}
		lo = off
	}
	lo = min(lo, n)
	hi = min(lo+int(size), n)
	if hi < n {
		next = c.h.makeToken(c.op.Name, scope, hi)
	}
	return lo, hi, next, size, nil
}

// pageSizeKey returns the query key of the operation's page size member
// (maxResults), or "".
func pageSizeKey(op *api.Operation) string {
	for _, m := range api.Members(op.Input) {
		if m.Name == op.Paging.PageSize && m.In == api.InQuery {
			return m.Wire
		}
	}
	return ""
}

const tokenMACLen = 16

func (h *Handler) tokenMAC(op, scope string, off uint64) []byte {
	m := hmac.New(sha256.New, h.st.pageKey)
	m.Write([]byte(op))
	m.Write([]byte{0})
	m.Write([]byte(scope))
	m.Write([]byte{0})
	m.Write(binary.BigEndian.AppendUint64(nil, off))
	return m.Sum(nil)[:tokenMACLen]
}

func (h *Handler) makeToken(op, scope string, off int) string {
	b := binary.BigEndian.AppendUint64(nil, uint64(off))
	b = append(b, h.tokenMAC(op, scope, uint64(off))...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (h *Handler) parseToken(op, scope, tok string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != 8+tokenMACLen {
		return 0, false
	}
	off := binary.BigEndian.Uint64(b[:8])
	if !hmac.Equal(b[8:], h.tokenMAC(op, scope, off)) || off > 1<<31 {
		return 0, false
	}
	return int(off), true
}
