package mqtest

import (
	"log/slog"
	"time"
)

// Defaults of the options.
const (
	// DefaultRegion is the region of a Handler without [WithRegion].
	DefaultRegion = "us-east-1"
	// DefaultAccount is the account of a Handler without [WithAccount].
	DefaultAccount = "123456789012"
	// DefaultBrokerCreateDelay is how long creating, rebooting and deleting a
	// broker take without [WithBrokerCreateDelay].
	DefaultBrokerCreateDelay = 3 * time.Second
	// DefaultMaxBodyBytes is the request body limit without [WithMaxBodyBytes].
	DefaultMaxBodyBytes = 1 << 20
)

// Option configures a [Handler] (and so a [Server]).
type Option func(*config)

type config struct {
	region        string
	account       string
	principals    []Principal
	principalsSet bool
	delay         time.Duration
	clock         *Clock
	seed          int64
	seeded        bool
	stateFile     string
	maxBody       int64
	logger        *slog.Logger
	requestLog    int            // WithRequestLog, in requests.go
	engines       *EngineOptions // WithEngines (engines.go)
}

func newConfig(opts []Option) config {
	c := config{
		region:  DefaultRegion,
		account: DefaultAccount,
		delay:   DefaultBrokerCreateDelay,
		maxBody: DefaultMaxBodyBytes,

		requestLog: DefaultRequestLog,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	if c.clock == nil {
		c.clock = newRealClock()
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// WithRegion sets the region the emulator serves (default "us-east-1"). It
// appears in ARNs and endpoints, and requests must be signed for it.
func WithRegion(region string) Option {
	return func(c *config) {
		if region != "" {
			c.region = region
		}
	}
}

// WithAccount sets the AWS account ID of the default principal
// ([DefaultPrincipal]) and of the state file (default "123456789012").
// Resources belong to the account of the principal that creates them (the
// account of its ARN), and no principal can act on another account's.
func WithAccount(account string) Option {
	return func(c *config) {
		if account != "" {
			c.account = account
		}
	}
}

// WithPrincipals sets the callers the emulator knows, replacing the default
// administrator ([DefaultPrincipal]). Their policies are checked when the
// Handler is made; [NewHandlerE] reports a bad one.
func WithPrincipals(ps ...Principal) Option {
	return func(c *config) {
		c.principals = append([]Principal(nil), ps...)
		c.principalsSet = true
	}
}

// WithBrokerCreateDelay sets how long a broker stays in CREATION_IN_PROGRESS,
// REBOOT_IN_PROGRESS and DELETION_IN_PROGRESS (default 3s, measured on the
// emulator [Clock]). Zero makes every transition instant. A negative d is
// ignored.
func WithBrokerCreateDelay(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.delay = d
		}
	}
}

// WithClock makes the emulator read time from clk instead of the real clock.
// Give the client the same clock — client.WithClock(clk.Now) for this
// module's client (signer.WithClock(clk.Now) only when signing with package
// signer directly) — or its requests will be rejected as expired once the
// clock moves more than 5 minutes.
func WithClock(clk *Clock) Option {
	return func(c *config) {
		if clk != nil {
			c.clock = clk
		}
	}
}

// WithSeed makes broker and configuration IDs, request IDs, page tokens and
// the choices of [Handler.SetFaultRate] deterministic. Without it they are
// random.
func WithSeed(seed int64) Option {
	return func(c *config) { c.seed, c.seeded = seed, true }
}

// WithStateFile persists the emulator's state in path, a bbolt database
// (mode 0600) locked for as long as the Handler is open ([Handler.Close],
// [Server.Close]): a second Handler or `mqctl serve` on the same file fails
// to start, naming it. The state is loaded when the Handler is made (a
// missing file means an empty state; an unreadable, corrupt or locked one is
// an error from [NewHandlerE]; a JSON state file of an earlier version is
// converted in place). Every change is written, record by record, in one
// transaction that is durable before the client is answered; a change that
// cannot be saved is undone and answered 500. Credentials, passwords and the
// request log are never written to it.
func WithStateFile(path string) Option {
	return func(c *config) { c.stateFile = path }
}

// WithMaxBodyBytes sets the largest request body accepted (default 1 MiB);
// larger ones are answered 413. A value <= 0 is ignored.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithLogger makes the emulator log one line per request (operation, status,
// principal, request ID; never a body or a secret) and any failure to save
// its state. The default discards.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}
