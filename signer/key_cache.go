package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"sync"
	"sync/atomic"
)

// maxCachedKeys bounds a keyCache. A signer needs one key per day and secret;
// a verifier one per day, secret and scope, so a handful is plenty.
const maxCachedKeys = 32

// keyID identifies a derived signing key.
type keyID struct {
	secret  string
	day     int // yyyymmdd
	region  string
	service string
}

// signingKey is a derived SigV4 signing key with its HMAC pads precomputed.
type signingKey struct {
	id   keyID
	key  [sha256.Size]byte
	ipad [sha256.BlockSize]byte
	opad [sha256.BlockSize]byte
}

// keyCache holds derived signing keys. It is safe for concurrent use: the
// most recently used key is read without locking, others under a mutex.
type keyCache struct {
	last atomic.Pointer[signingKey]
	mu   sync.Mutex
	keys map[keyID]*signingKey
}

// verifyKeys is the key cache shared by every call of Verify.
var verifyKeys keyCache

// get returns the signing key for secret, the date yyyymmdd (8 ASCII digits),
// region and service, deriving and caching it when needed.
func (c *keyCache) get(secret string, date []byte, region, service string) *signingKey {
	id := keyID{secret: secret, day: atoiDate(date), region: region, service: service}
	if id.day < 0 {
		return deriveKey(id, string(date)) // a date outside years 0000-9999: not worth caching
	}
	if k := c.last.Load(); k != nil && k.id == id {
		return k
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.keys[id]
	if !ok {
		k = deriveKey(id, string(date))
		if c.keys == nil {
			c.keys = make(map[keyID]*signingKey)
		}
		if len(c.keys) >= maxCachedKeys {
			clear(c.keys) // crude but bounded; refills within a request or two
		}
		c.keys[id] = k
	}
	c.last.Store(k)
	return k
}

// deriveKey computes
// HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
func deriveKey(id keyID, date string) *signingKey {
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	k := mac([]byte("AWS4"+id.secret), date)
	k = mac(k, id.region)
	k = mac(k, id.service)
	k = mac(k, scopeTerminator)

	sk := &signingKey{id: id}
	copy(sk.key[:], k)
	for i := range sk.ipad {
		sk.ipad[i] = 0x36
		sk.opad[i] = 0x5c
	}
	for i, b := range sk.key {
		sk.ipad[i] ^= b
		sk.opad[i] ^= b
	}
	return sk
}

// atoiDate turns 8 ASCII digits into an int, or returns -1 for anything else.
func atoiDate(b []byte) int {
	if len(b) != 8 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
