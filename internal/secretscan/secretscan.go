// Package secretscan holds what the secret-hygiene tests share: a buffer
// loggers can write to from many goroutines, and a transport that remembers
// the signature of every request, so that tests can search everything a
// program printed and logged for secrets.
package secretscan

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// Buffer is a bytes.Buffer safe for concurrent writers.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Signatures is an http.RoundTripper that remembers the SigV4 signature of
// every request it sends through Base (http.DefaultTransport when nil).
type Signatures struct {
	// Base sends the requests.
	Base http.RoundTripper
	mu   sync.Mutex
	seen []string
}

// RoundTrip records the request's signature and sends it.
func (s *Signatures) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, sig, ok := strings.Cut(req.Header.Get("Authorization"), "Signature="); ok {
		s.mu.Lock()
		s.seen = append(s.seen, sig)
		s.mu.Unlock()
	}
	base := s.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(req)
}

// All returns the signatures seen so far.
func (s *Signatures) All() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seen)
}

// Find returns the secrets that occur in text.
func Find(text string, secrets ...string) []string {
	var found []string
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			found = append(found, s)
		}
	}
	return found
}
