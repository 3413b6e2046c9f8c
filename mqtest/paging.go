package mqtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"sort"

	"github.com/mqrest/mqrest/api"
)

// defaultPageSize is the page size when maxResults is not sent.
const defaultPageSize = 20

// Page tokens are cursors: a token holds the key of the last item the page
// returned, and the next page starts at the first item whose key is
// greater, in the listing's order of keys. An item that exists throughout a
// listing is therefore returned exactly once, however many items are created
// or deleted between its pages; an item created during it appears if its key
// is past the cursor. Keys are the listing's sort order made bytes, compared
// with bytes.Compare: a broker or configuration is its creation number
// (8 bytes, big-endian) and then its ID, a user its name, a revision its
// number, a shared resource its ARN, and a catalog entry (a fixed list) its
// position.
//
// A token is opaque: base64url of the key and an HMAC, keyed with the state's
// page key, over the operation, the scope (the account and the broker,
// configuration or filters the listing is about) and the key, so a forged,
// altered or foreign token is a 400 with errorAttribute "nextToken".

// pageOf returns the page of all, sorted by key, that the request asks for,
// with the token of the next page ("" on the last page) and the page size.
func pageOf[T any](c *call, scope string, all []T, key func(T) []byte) (page []T, next string, size int32, err error) {
	after, size, err := c.cursor(scope)
	if err != nil {
		return nil, "", 0, err
	}
	lo := 0
	if after != nil {
		lo = sort.Search(len(all), func(i int) bool { return bytes.Compare(key(all[i]), after) > 0 })
	}
	hi := min(lo+int(size), len(all))
	if hi < len(all) {
		next = c.nextToken(scope, key(all[hi-1]))
	}
	return all[lo:hi], next, size, nil
}

// pageSeq is pageOf for a listing kept in (creation number, ID) order by
// an index of the state: after returns up to n items past a key, so a page
// costs a seek and the page, not the whole listing. Items keep does not
// take (those of another account) are skipped.
func pageSeq[T any](c *call, scope string, after func(seq uint64, id string, n int) []T,
	keyOf func(T) (uint64, string), keep func(T) bool) (page []T, next string, size int32, err error) {
	cur, size, err := c.cursor(scope)
	if err != nil {
		return nil, "", 0, err
	}
	var seq uint64
	var id string
	if cur != nil {
		if len(cur) < 8 {
			return nil, "", 0, badRequest("nextToken", "The request failed because [nextToken] is not a valid pagination token.")
		}
		seq, id = binary.BigEndian.Uint64(cur), string(cur[8:])
	}
	page = []T{}
	more := false
	for !more {
		batch := after(seq, id, int(size)+1)
		for _, x := range batch {
			seq, id = keyOf(x)
			if !keep(x) {
				continue
			}
			if len(page) == int(size) {
				more = true
				break
			}
			page = append(page, x)
		}
		if len(batch) < int(size)+1 {
			break
		}
	}
	if more {
		s, i := keyOf(page[len(page)-1])
		next = c.nextToken(scope, seqKey(s, i))
	}
	return page, next, size, nil
}

// cursor returns the key after which the requested page starts (nil: at
// the start) and the page size.
//
// maxResults must lie in 1..100 (the model's range; the api package checks
// the values it can see, cursor checks an explicit 0).
func (c *call) cursor(scope string) (after []byte, size int32, err error) {
	pg := c.op.Paging
	if p := pg.PageSizeOf(c.in); p != nil {
		size = *p
	}
	if key := pageSizeKey(c.op); key != "" && size == 0 {
		if vs, ok := c.query[key]; ok && len(vs) > 0 {
			return nil, 0, badRequest(key, "The request failed because [%s] must be between 1 and 100.", key)
		}
	}
	if size == 0 {
		size = defaultPageSize
	}
	if tok := *pg.Token(c.in); tok != "" {
		k, ok := c.h.parseToken(c.op.Name, c.pageScope(scope), tok)
		if !ok {
			return nil, 0, badRequest("nextToken", "The request failed because [nextToken] is not a valid pagination token.")
		}
		after = k
	}
	return after, size, nil
}

// nextToken returns the token of the page after the item with the key.
func (c *call) nextToken(scope string, key []byte) string {
	return c.h.makeToken(c.op.Name, c.pageScope(scope), key)
}

// pageScope binds a token to the caller's account too.
func (c *call) pageScope(scope string) string { return c.account() + "/" + scope }

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

// seqKey is the key of a broker or configuration: its creation number, then
// its ID.
func seqKey(seq uint64, id string) []byte {
	return append(binary.BigEndian.AppendUint64(nil, seq), id...)
}

// indexKey is the key of the i-th entry of a fixed list.
func indexKey(i int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(i)) }

// maxKeyLen bounds the key a token may carry (an ID, a name or an ARN).
const maxKeyLen = 2048

const tokenMACLen = 16

func (h *Handler) tokenMAC(op, scope string, key []byte) []byte {
	m := hmac.New(sha256.New, h.st.pageKey)
	m.Write([]byte(op))
	m.Write([]byte{0})
	m.Write([]byte(scope))
	m.Write([]byte{0})
	m.Write(key)
	return m.Sum(nil)[:tokenMACLen]
}

func (h *Handler) makeToken(op, scope string, key []byte) string {
	b := append(bytes.Clone(key), h.tokenMAC(op, scope, key)...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (h *Handler) parseToken(op, scope, tok string) ([]byte, bool) {
	if base64.RawURLEncoding.DecodedLen(len(tok)) > maxKeyLen+tokenMACLen {
		return nil, false
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) <= tokenMACLen {
		return nil, false
	}
	key, mac := b[:len(b)-tokenMACLen], b[len(b)-tokenMACLen:]
	if !hmac.Equal(mac, h.tokenMAC(op, scope, key)) {
		return nil, false
	}
	return key, true
}
