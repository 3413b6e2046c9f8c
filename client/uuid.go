package client

import (
	"crypto/rand"

	"github.com/mqrest/mqrest/internal/wire"
)

// newUUID returns a random (version 4) UUID, as the SDK's idempotency
// tokens are.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return wire.FormatUUID(b)
}
