package mqtest

import (
	"context"
	"sync"
	"time"
)

// Clock is the emulator's settable clock. Broker lifecycles, signature
// expiry, the Date header, Created timestamps and session expirations are all
// read from it, so a test can drive time with [Clock.Advance] instead of
// sleeping.
//
// A Clock made by [NewClock] is frozen: it moves only when Advance or Set is
// called. The default clock of a [Handler] follows real time, shifted by
// whatever Advance and Set add. A Clock is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	real   bool          // follow time.Now, shifted by offset
	offset time.Duration // real clocks only
	t      time.Time     // frozen clocks only
}

// NewClock returns a frozen clock that reads t until it is advanced or set.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// newRealClock returns a clock that follows time.Now.
func newRealClock() *Clock { return &Clock{real: true} }

// Now returns the clock's current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		return time.Now().Add(c.offset)
	}
	return c.t
}

// Advance moves the clock forward by d (backward when d is negative).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		c.offset += d
		return
	}
	c.t = c.t.Add(d)
}

// Set moves the clock to t. A real-time clock keeps ticking from t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real {
		c.offset = time.Until(t)
		return
	}
	c.t = t
}

// Sleep "sleeps" for d on the emulator's time: it advances the clock by d
// at once and returns, or returns ctx's error if ctx is done. Pass it as
// the client's client.WaitOptions.Sleep so that a waiter follows the
// emulator's clock: a broker that takes minutes to create is RUNNING after
// a few polls and no real waiting.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.Advance(d)
	}
	return nil
}
