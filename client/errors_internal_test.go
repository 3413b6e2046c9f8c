package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCheckContext(t *testing.T) {
	//lint:ignore SA1012 a nil context is what is being tested
	if err := checkContext(nil); !errors.Is(err, errNilContext) {
		t.Fatalf("checkContext(nil) = %v", err)
	}
	if err := checkContext(context.Background()); err != nil {
		t.Fatalf("checkContext(Background) = %v", err)
	}
}

func TestSetAttempts(t *testing.T) {
	ae := &APIError{Operation: "DescribeBroker", StatusCode: 503, Code: "ServiceUnavailableException", RequestID: "r-1"}
	de := &DecodeError{Operation: "ListBrokers", StatusCode: 200, RequestID: "r-2", Err: errors.New("unexpected EOF")}
	ad := &AccessDeniedError{Operation: "CreateBroker", Err: &APIError{Operation: "CreateBroker", StatusCode: 403, Code: "AccessDeniedException"}}
	for _, err := range []error{ae, de, fmt.Errorf("wrapped: %w", ad)} {
		setAttempts(err, 1)
	}
	if ae.Attempts != 1 || strings.Contains(ae.Error(), "attempt") || strings.Contains(de.Error(), "attempt") {
		t.Fatalf("one attempt shows: %q, %q", ae.Error(), de.Error())
	}
	for _, err := range []error{ae, de, fmt.Errorf("wrapped: %w", ad), nil, errors.New("other")} {
		setAttempts(err, 3)
	}
	if ae.Attempts != 3 || de.Attempts != 3 || ad.Err.Attempts != 3 {
		t.Fatalf("Attempts = %d, %d, %d; want 3", ae.Attempts, de.Attempts, ad.Err.Attempts)
	}
	if got, want := ae.Error(), "mqrest: DescribeBroker: ServiceUnavailableException (HTTP 503) (request id r-1) after 3 attempts"; got != want {
		t.Fatalf("APIError.Error() = %q, want %q", got, want)
	}
	if got, want := de.Error(), "mqrest: ListBrokers: cannot decode response (HTTP 200) (request id r-2) after 3 attempts: unexpected EOF"; got != want {
		t.Fatalf("DecodeError.Error() = %q, want %q", got, want)
	}
}
