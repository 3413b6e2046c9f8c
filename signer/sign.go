package signer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Header names that signing sets.
const (
	headerAuthorization = "Authorization"
	headerAmzDate       = "X-Amz-Date"
	headerSecurityToken = "X-Amz-Security-Token"
	headerContentSHA256 = "X-Amz-Content-Sha256"
)

// PayloadHash returns the hex SHA-256 of body, the payload hash that SigV4
// signs. An empty body gives the well-known constant
// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 without
// hashing.
func PayloadHash(body []byte) string {
	if len(body) == 0 {
		return emptyPayloadHash
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Sign signs req, whose body is body, at the time of the Signer's clock.
//
// It sets X-Amz-Date, X-Amz-Security-Token (when the credentials have a
// session token) and Authorization, exactly as aws-sdk-go-v2's
// v4.Signer.SignHTTP does: the same signed headers, canonical request and
// signature, and like it Sign may rewrite req.Host (a default port is dropped)
// and req.URL.RawQuery (to the canonical query). No X-Amz-Content-Sha256
// header is added. Headers must not change after signing; a request that is
// sent again must be signed again.
//
// An anonymous Signer returns nil and leaves req alone.
func (s *Signer) Sign(ctx context.Context, req *http.Request, body []byte) error {
	if s.secrets == nil {
		return nil
	}
	var ph [2 * sha256.Size]byte
	if len(body) == 0 {
		copy(ph[:], emptyPayloadHash)
	} else {
		sum := sha256.Sum256(body)
		hex.Encode(ph[:], sum[:])
	}
	return signAt(ctx, s, req, ph[:], s.now())
}

// SignAt is [Signer.Sign] with a precomputed payload hash (the hex SHA-256
// of the body, see [PayloadHash]) and an explicit signing time. A client uses
// it to hash a body once for all its attempts and to correct clock skew.
func (s *Signer) SignAt(ctx context.Context, req *http.Request, payloadHash string, t time.Time) error {
	return signAt(ctx, s, req, payloadHash, t)
}

// signAt implements SignAt for a payload hash held in a string or in bytes.
func signAt[H ~string | ~[]byte](ctx context.Context, s *Signer, req *http.Request, payloadHash H, t time.Time) error {
	sec := s.secrets
	if sec == nil {
		return nil
	}
	if req == nil || req.URL == nil {
		return errors.New("signer: request or request URL is nil")
	}
	creds, err := sec.creds.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("signer: retrieve credentials: %w", err)
	}

	var dateBuf [24]byte
	amzDate := appendAmzDate(dateBuf[:0], t.UTC())
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	h := req.Header
	spare := spareValues(h, creds.SessionToken != "")
	setHeader(h, headerAmzDate, string(amzDate), &spare)
	if creds.SessionToken != "" {
		setHeader(h, headerSecurityToken, creds.SessionToken, &spare)
	}
	sanitizeHost(req)
	host := req.URL.Host
	if req.Host != "" {
		host = req.Host
	}

	b := getBuilder()
	defer b.put()
	qStart, qEnd := buildSignRequest(b, req, host, payloadHash)

	key := sec.keys.get(creds.SecretAccessKey, amzDate[:len(amzDate)-8], s.region, s.service)
	mac, scope := b.finish(key, amzDate, s.region, s.service)
	setHeader(h, headerAuthorization, authorization(creds.AccessKeyID, scope, b.signed, mac), &spare)
	if string(b.buf[qStart:qEnd]) != req.URL.RawQuery {
		req.URL.RawQuery = string(b.buf[qStart:qEnd])
	}
	return nil
}

// spareValues returns one slice with a slot for each header that signing
// sets and the request does not have yet, so that they cost one allocation.
func spareValues(h http.Header, token bool) []string {
	n := 0
	for _, key := range [...]string{headerAmzDate, headerAuthorization} {
		if cap(h[key]) == 0 {
			n++
		}
	}
	if token && cap(h[headerSecurityToken]) == 0 {
		n++
	}
	if n == 0 {
		return nil
	}
	return make([]string, n)
}

// setHeader sets h[key] to the single value v, as v4.Signer does: in place
// when the key already has room, else in a slot taken from spare.
func setHeader(h http.Header, key, v string, spare *[]string) {
	if cur := h[key]; cap(cur) > 0 {
		h[key] = append(cur[:0], v)
		return
	}
	s := *spare
	s[0] = v
	h[key] = s[:1:1]
	*spare = s[1:]
}

// buildSignRequest writes the canonical request of req into b.buf, signing
// the headers aws/signer/v4 signs, and their names into b.signed. It returns
// where the canonical query lies in b.buf.
func buildSignRequest[H ~string | ~[]byte](b *builder, req *http.Request, host string, payloadHash H) (qStart, qEnd int) {
	qStart, qEnd = b.beginCanonical(req)
	b.collectSignHeaders(req.Header, req.ContentLength)
	b.buf = b.appendSignHeaders(b.buf, host, req.ContentLength)
	endCanonical(b, b.signed, payloadHash)
	return qStart, qEnd
}

// authorization builds the Authorization header value in one allocation.
func authorization(accessKeyID string, scope, signedHeaders, mac []byte) string {
	const (
		credential = " Credential="
		signed     = ", SignedHeaders="
		signature  = ", Signature="
	)
	var sb strings.Builder
	sb.Grow(len(algorithm) + len(credential) + len(accessKeyID) + 1 + len(scope) +
		len(signed) + len(signedHeaders) + len(signature) + hex.EncodedLen(len(mac)))
	sb.WriteString(algorithm)
	sb.WriteString(credential)
	sb.WriteString(accessKeyID)
	sb.WriteByte('/')
	sb.Write(scope)
	sb.WriteString(signed)
	sb.Write(signedHeaders)
	sb.WriteString(signature)
	var sig [2 * sha256.Size]byte
	hex.Encode(sig[:], mac)
	sb.Write(sig[:])
	return sb.String()
}
