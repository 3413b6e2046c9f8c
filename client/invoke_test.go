package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// TestInvoke checks the run-time entry point: every operation's output
// type, nil input, and inputs of the wrong type or no operation, which fail
// before anything is sent.
func TestInvoke(t *testing.T) {
	srv := newEmulator(t)
	c := clientFor(t, srv, mqtest.DefaultPrincipal())
	ctx := context.Background()

	out, err := c.Invoke(ctx, api.Lookup("CreateConfiguration"), &api.CreateConfigurationInput{Name: "invoked", EngineType: api.EngineTypeActivemq})
	if err != nil {
		t.Fatal(err)
	}
	created, ok := out.(*api.CreateConfigurationOutput)
	if !ok || created.ID == "" {
		t.Fatalf("CreateConfiguration output %#v", out)
	}
	for _, in := range []any{nil, (*api.ListConfigurationsInput)(nil), &api.ListConfigurationsInput{}} {
		out, err := c.Invoke(ctx, api.Lookup("ListConfigurations"), in)
		if err != nil {
			t.Fatalf("input %#v: %v", in, err)
		}
		list, ok := out.(*api.ListConfigurationsOutput)
		if !ok || len(list.Configurations) != 1 || list.Configurations[0].ID != created.ID {
			t.Errorf("input %#v: output %#v", in, out)
		}
	}

	srv.ResetRequests()
	for name, tc := range wrongInputs() {
		if out, err := c.Invoke(ctx, tc.op, tc.in); !errors.Is(err, api.ErrWrongInput) || out != nil {
			t.Errorf("%s: got %v, %v; want api.ErrWrongInput", name, out, err)
		}
	}
	var verr *api.ValidationError
	if _, err := c.Invoke(ctx, api.Lookup("DescribeBroker"), &api.DescribeBrokerInput{}); !errors.As(err, &verr) {
		t.Errorf("missing BrokerId: %v, want a ValidationError", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for invalid calls", n)
	}
}

// wrongInputs are calls that fail with api.ErrWrongInput before anything
// is sent.
func wrongInputs() map[string]struct {
	op *api.Operation
	in any
} {
	return map[string]struct {
		op *api.Operation
		in any
	}{
		"other operation's input": {api.Lookup("ListBrokers"), &api.ListUsersInput{BrokerID: "b-1"}},
		"input by value":          {api.Lookup("ListBrokers"), api.ListBrokersInput{}},
		"no operation":            {nil, &api.ListBrokersInput{}},
	}
}
