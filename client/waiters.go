package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mqrest/mqrest/api"
)

// WaitOptions tunes a waiter. The zero value polls every 5 seconds at
// first, backing off to 30 seconds; bound the wait with the context.
type WaitOptions struct {
	// MinDelay and MaxDelay bound the pause between polls.
	MinDelay, MaxDelay time.Duration
	// OnPoll, if set, is called after each poll with the state seen
	// ("" once the broker is gone) and the time waited so far.
	OnPoll func(state api.BrokerState, elapsed time.Duration)
	// Sleep, if set, is how the waiter pauses between polls; it must
	// return the context's error once the context is done. Against the
	// mqtest emulator, pass its clock's Sleep (srv.Clock().Sleep): the wait
	// then advances the emulator's clock instead of waiting in real time.
	// Without it the waiter sleeps in real time.
	Sleep func(ctx context.Context, d time.Duration) error
}

// WaitError is returned when a broker reaches a state it will not leave by
// itself, such as CREATION_FAILED.
type WaitError struct {
	// BrokerID is the broker waited for.
	BrokerID string
	// State is the state it reached.
	State api.BrokerState
	// Want is what the waiter waited for.
	Want string
}

// Error describes the failed wait.
func (e *WaitError) Error() string {
	return fmt.Sprintf("mqrest: broker %s reached %s while waiting for %s", e.BrokerID, e.State, e.Want)
}

// WaitBrokerRunning polls DescribeBroker until the broker is RUNNING and
// returns its description. CREATION_FAILED and CRITICAL_ACTION_REQUIRED
// end the wait with a *WaitError; the context bounds it.
func (c *Client) WaitBrokerRunning(ctx context.Context, brokerID string, opts *WaitOptions) (*api.DescribeBrokerOutput, error) {
	var last *api.DescribeBrokerOutput
	err := c.waitBroker(ctx, brokerID, opts, func(out *api.DescribeBrokerOutput, err error) (bool, error) {
		if err != nil {
			return false, err
		}
		last = out
		switch out.BrokerState {
		case api.BrokerStateRunning:
			return true, nil
		case api.BrokerStateCreationFailed, api.BrokerStateCriticalActionRequired, api.BrokerStateDeletionInProgress:
			return false, &WaitError{BrokerID: brokerID, State: out.BrokerState, Want: "RUNNING"}
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return last, nil
}

// WaitBrokerRebooted is WaitBrokerRunning, for use after RebootBroker.
func (c *Client) WaitBrokerRebooted(ctx context.Context, brokerID string, opts *WaitOptions) (*api.DescribeBrokerOutput, error) {
	return c.WaitBrokerRunning(ctx, brokerID, opts)
}

// WaitBrokerDeleted polls DescribeBroker until the broker no longer exists
// (NotFoundException counts as success).
func (c *Client) WaitBrokerDeleted(ctx context.Context, brokerID string, opts *WaitOptions) error {
	return c.waitBroker(ctx, brokerID, opts, func(out *api.DescribeBrokerOutput, err error) (bool, error) {
		if errors.Is(err, ErrNotFound) {
			return true, nil
		}
		return false, err
	})
}

func (c *Client) waitBroker(ctx context.Context, brokerID string, opts *WaitOptions,
	done func(*api.DescribeBrokerOutput, error) (bool, error)) error {
	o := WaitOptions{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second}
	if opts != nil {
		if opts.MinDelay > 0 {
			o.MinDelay = opts.MinDelay
		}
		if opts.MaxDelay > 0 {
			o.MaxDelay = opts.MaxDelay
		}
		o.OnPoll = opts.OnPoll
		o.Sleep = opts.Sleep
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.MaxDelay < o.MinDelay {
		o.MaxDelay = o.MinDelay
	}
	start := time.Now()
	delay := o.MinDelay
	for {
		out, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: brokerID})
		if o.OnPoll != nil {
			var state api.BrokerState
			if out != nil {
				state = out.BrokerState
			}
			o.OnPoll(state, time.Since(start))
		}
		ok, err := done(out, err)
		if ok || err != nil {
			return err
		}
		if err := o.Sleep(ctx, delay); err != nil {
			return fmt.Errorf("mqrest: waiting for broker %s: %w", brokerID, err)
		}
		delay = min(delay*2, o.MaxDelay)
	}
}
