package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// waitKind is what a wait waits for.
type waitKind int

const (
	waitRunning waitKind = iota
	waitRebooted
	waitDeleted
)

// name is the wait subcommand's name.
func (k waitKind) name() string {
	return [...]string{"broker-running", "broker-rebooted", "broker-deleted"}[k]
}

// goal says what the wait waits for, after "until the broker".
func (k waitKind) goal() string {
	if k == waitDeleted {
		return "is deleted"
	}
	return "is RUNNING"
}

// waitFlags are the options of a wait.
type waitFlags struct {
	enabled  bool
	timeout  time.Duration
	delay    time.Duration
	maxDelay time.Duration
}

func (w *waitFlags) register(fs *pflag.FlagSet) {
	fs.DurationVar(&w.timeout, "timeout", 30*time.Minute, "give up waiting after this long (exit 1)")
	fs.DurationVar(&w.delay, "delay", 5*time.Second, "pause before the second poll; pauses double from there up to --max-delay")
	fs.DurationVar(&w.maxDelay, "max-delay", 30*time.Second, "longest pause between two polls")
}

func (w *waitFlags) check() error {
	if w.timeout <= 0 || w.delay <= 0 || w.maxDelay <= 0 {
		return usageErrorf("--timeout, --delay and --max-delay must be positive durations, e.g. 30m, 5s")
	}
	return nil
}

// waitCmd is `mqctl wait broker-running|broker-rebooted|broker-deleted`.
func (a *app) waitCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "wait",
		Short: "Waits until a broker reaches a state.",
		Long: `Waits until a broker is RUNNING (after create-broker), RUNNING again (after
reboot-broker) or gone (after delete-broker), polling describe-broker.

Progress goes to stderr: a live line on a terminal, otherwise one line per
state change. A broker that reaches CREATION_FAILED or CRITICAL_ACTION_REQUIRED,
the --timeout and Ctrl-C end the wait with exit code 1. Nothing is printed on
stdout.`,
		Args: noPositional,
	}
	for _, k := range []waitKind{waitRunning, waitRebooted, waitDeleted} {
		var wf waitFlags
		var id string
		sub := &cobra.Command{
			Use:   k.name() + " --broker-id ID",
			Short: "Waits until the broker " + k.goal() + ".",
			Args:  noPositional,
			RunE: func(cmd *cobra.Command, _ []string) error {
				if id == "" {
					return usageErrorf("wait %s: --broker-id is required", k.name())
				}
				if err := wf.check(); err != nil {
					return err
				}
				c, err := a.newClient(cmd.Context())
				if err != nil {
					return err
				}
				return a.waitBroker(cmd.Context(), c, k, id, wf)
			},
		}
		sub.Flags().StringVar(&id, "broker-id", "", "required; string BrokerId: the broker to wait for")
		wf.register(sub.Flags())
		cmd.AddCommand(sub)
	}
	return cmd
}

// waitBroker runs the client's waiter with progress on stderr, bounded by
// the timeout and by Ctrl-C.
func (a *app) waitBroker(ctx context.Context, c *client.Client, kind waitKind, id string, wf waitFlags) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	wctx, cancel := context.WithTimeout(ctx, wf.timeout)
	defer cancel()
	p := newProgress(a.stderr, id, kind, a.terminalWidth(a.stderr))
	opts := &client.WaitOptions{MinDelay: wf.delay, MaxDelay: max(wf.maxDelay, wf.delay), OnPoll: p.poll}
	var err error
	switch kind {
	case waitDeleted:
		err = c.WaitBrokerDeleted(wctx, id, opts)
	case waitRebooted:
		_, err = c.WaitBrokerRebooted(wctx, id, opts)
	default:
		_, err = c.WaitBrokerRunning(wctx, id, opts)
	}
	p.stop()
	if err == nil {
		p.finish()
		return nil
	}
	state, elapsed := p.last()
	seen := ""
	if state != "" {
		seen = fmt.Sprintf("; last state %s", state)
	}
	var we *client.WaitError
	switch {
	case ctx.Err() != nil:
		return &codedError{code: exitError, err: fmt.Errorf("interrupted while waiting for broker %s (%s%s)", id, roundDuration(elapsed), seen), interrupted: true}
	case wctx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
		return &codedError{code: exitError, err: fmt.Errorf("timed out after %s waiting for broker %s to be %s%s", wf.timeout, id, kind.target(), seen)}
	case errors.As(err, &we):
		return &codedError{code: exitError, err: fmt.Errorf("broker %s reached %s while waiting for it to be %s", id, we.State, kind.target())}
	}
	return err
}

// target names the awaited state in messages.
func (k waitKind) target() string {
	if k == waitDeleted {
		return "deleted"
	}
	return string(api.BrokerStateRunning)
}
