package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// authHeader is a parsed SigV4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/mq/aws4_request, SignedHeaders=host;x-amz-date, Signature=<64 hex>
type authHeader struct {
	accessKeyID      string
	date             string // yyyyMMdd from the credential scope
	region           string
	service          string
	signedHeaders    []string
	signedHeadersRaw string
	signature        [sha256.Size]byte
}

// signs reports whether name is one of the signed headers.
func (a *authHeader) signs(name string) bool { return slices.Contains(a.signedHeaders, name) }

func malformed(reason string) error { return &MalformedAuthorizationError{Reason: reason} }

// parseAuthorization parses and validates an Authorization header value.
func parseAuthorization(v string) (*authHeader, error) {
	rest, ok := strings.CutPrefix(v, algorithm+" ")
	if !ok {
		alg, _, _ := strings.Cut(v, " ")
		return nil, malformed("Unsupported Authorization Type '" + alg + "': only " + algorithm + " is supported.")
	}
	var parts [3]string // Credential, SignedHeaders, Signature
	var seen [3]bool
	names := [3]string{"Credential", "SignedHeaders", "Signature"}
	for _, part := range strings.Split(rest, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, val, ok := strings.Cut(part, "=")
		i := slices.Index(names[:], k)
		switch {
		case !ok:
			return nil, malformed("Authorization header component '" + part + "' is not of the form key=value. Authorization=" + v)
		case i < 0:
			return nil, malformed("Authorization header has an unknown component '" + k + "'. Authorization=" + v)
		case seen[i]:
			return nil, malformed("Authorization header has '" + k + "' more than once. Authorization=" + v)
		}
		parts[i], seen[i] = val, true
	}
	var missing strings.Builder
	for i, name := range names {
		if !seen[i] || parts[i] == "" {
			missing.WriteString("Authorization header requires '" + name + "' parameter. ")
		}
	}
	if missing.Len() > 0 {
		return nil, malformed(missing.String() + "Authorization=" + v)
	}

	a := &authHeader{signedHeadersRaw: parts[1]}
	if err := a.parseCredential(parts[0]); err != nil {
		return nil, err
	}
	if err := a.parseSignedHeaders(parts[1]); err != nil {
		return nil, err
	}
	if len(parts[2]) != hex.EncodedLen(sha256.Size) {
		return nil, malformed("Signature must be 64 hexadecimal characters, not '" + parts[2] + "'.")
	}
	if _, err := hex.Decode(a.signature[:], []byte(parts[2])); err != nil {
		return nil, malformed("Signature must be 64 hexadecimal characters, not '" + parts[2] + "'.")
	}
	return a, nil
}

// parseCredential parses AKID/yyyyMMdd/region/service/aws4_request.
func (a *authHeader) parseCredential(cred string) error {
	f := strings.Split(cred, "/")
	if len(f) != 5 || f[0] == "" || f[2] == "" || f[3] == "" {
		return malformed("Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request, not '" + cred + "'.")
	}
	if f[4] != scopeTerminator {
		return malformed("Credential should be scoped with a valid terminator: '" + scopeTerminator + "', not '" + f[4] + "'.")
	}
	if atoiDate([]byte(f[1])) < 0 {
		return malformed("Credential scope date must be yyyyMMdd, not '" + f[1] + "'.")
	}
	a.accessKeyID, a.date, a.region, a.service = f[0], f[1], f[2], f[3]
	return nil
}

// parseSignedHeaders parses a sorted, ';'-separated list of lower-case names
// that includes host.
func (a *authHeader) parseSignedHeaders(list string) error {
	names := strings.Split(list, ";")
	host := false
	for i, n := range names {
		if n == "" || n != strings.ToLower(n) || strings.ContainsAny(n, " \t") {
			return malformed("SignedHeaders must be a ';'-separated list of lower-case header names, not '" + list + "'.")
		}
		if i > 0 && names[i-1] >= n {
			return malformed("SignedHeaders must be sorted and without duplicates, not '" + list + "'.")
		}
		host = host || n == "host"
	}
	if !host {
		return malformed("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	a.signedHeaders = names
	return nil
}
