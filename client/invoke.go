package client

import (
	"context"
	"fmt"
	"reflect"

	"github.com/mqrest/mqrest/api"
)

// Invoke calls op with in and returns op's output: the same request path
// as the typed methods, for callers that choose the operation at run time
// (generic tooling such as mqctl, tests that range over api.Operations).
// in must be a pointer to op's input type (e.g. *api.ListBrokersInput) or
// nil for an empty input; the result is a pointer to op's output type.
// Input of another type fails with an error wrapping api.ErrWrongInput
// before anything is sent.
func (c *Client) Invoke(ctx context.Context, op *api.Operation, in any) (any, error) {
	if op == nil {
		return nil, fmt.Errorf("%w: no operation given", api.ErrWrongInput)
	}
	if in == nil {
		in = op.NewInput()
	} else if t := reflect.TypeOf(in); t.Kind() != reflect.Pointer || t.Elem() != op.Input {
		return nil, fmt.Errorf("%w: %s wants *api.%s, got %T", api.ErrWrongInput, op.Name, op.Input.Name(), in)
	}
	out := op.NewOutput()
	if err := c.do(ctx, op, in, out); err != nil {
		return nil, err
	}
	return out, nil
}
