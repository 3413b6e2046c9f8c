package client

import (
	"context"

	"github.com/mqrest/mqrest/api"
)

// Invoke calls op with in and returns op's output: the same request path
// as the typed methods, for callers that choose the operation at run time
// (generic tooling such as mqctl, tests that range over api.Operations).
// in must be a pointer to op's input type (e.g. *api.ListBrokersInput) or
// nil for an empty input; the result is a pointer to op's output type.
// Input of another type, or no operation, fails with an error wrapping
// api.ErrWrongInput before anything is sent. opts change this call as they
// change a typed method's (see [CallOption]).
func (c *Client) Invoke(ctx context.Context, op *api.Operation, in any, opts ...CallOption) (any, error) {
	if op == nil {
		return nil, errNoOperation
	}
	out := op.NewOutput()
	if err := c.do(ctx, op, in, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}
