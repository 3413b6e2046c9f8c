package api

import (
	"reflect"
	"strings"
	"sync"
)

// Operation is one row of the operation table: everything the client, the
// emulator, the IAM policy generator, the CLI and the docs need to know about
// an Amazon MQ operation. Rows are immutable; never modify one.
type Operation struct {
	// Name is the operation's name in the API, e.g. "ListBrokers".
	Name string
	// Method is the HTTP method.
	Method string
	// Path is the URI template, e.g. "/v1/brokers/{BrokerId}". Each label
	// is a single path segment.
	Path string
	// Status is the HTTP status the service answers on success.
	Status int
	// Body reports whether the request carries a JSON body (the SDK sends
	// "{}" even when every member is unset).
	Body bool
	// Paging describes token pagination; nil for operations that do not page.
	Paging *Paging
	// IdempotencyToken is the Go field name of the member that the client
	// fills with a fresh UUID when the caller leaves it empty ("" if none).
	IdempotencyToken string
	// Resource is the kind of resource the operation's primary action is
	// authorized against.
	Resource ResourceKind
	// Actions are the IAM actions the operation needs: the primary action
	// first, then the conditional ones.
	Actions []Action
	// Retry says when a failed attempt may be repeated.
	Retry RetryRule
	// Input and Output are the operation's Go input and output types.
	Input, Output reflect.Type

	labels  []string  // path template split on "/", labels kept as "{Name}"
	bindIn  sync.Once // the input binding, built on first use
	bindOut sync.Once // the output binding, built on first use
	in      *plan
	out     *plan
}

// inPlan and outPlan return the operation's input and output bindings,
// each built by reflection once, on first use, so that programs pay nothing
// at start-up and a client, which never binds an output, never builds one.
func (op *Operation) inPlan() *plan {
	op.bindIn.Do(func() { op.in = planFor(op.Input) })
	return op.in
}

func (op *Operation) outPlan() *plan {
	op.bindOut.Do(func() { op.out = planFor(op.Output) })
	return op.out
}

// Paging names the Go fields that carry token pagination.
type Paging struct {
	// InputToken and OutputToken are the Go field names of the token.
	InputToken, OutputToken string
	// Items is the Go field name of the output slice holding the page.
	Items string
	// PageSize is the Go field name of the input member limiting a page.
	PageSize string
}

// RetryRule says when the client may repeat a failed attempt of an
// operation.
type RetryRule int

const (
	// RetrySafe operations can be repeated after any retryable failure:
	// reads, deletes, updates that set state, and CreateBroker, whose
	// idempotency token makes a repeat harmless.
	RetrySafe RetryRule = iota
	// RetryUnprocessed operations are repeated only when the failure shows
	// that the service did not process the request (connection refused,
	// throttling, a 503 before any response body): repeating them after the
	// service may have acted could create a second configuration, user or
	// revision, or reboot a broker twice.
	RetryUnprocessed
)

// String returns the rule's name as the docs use it.
func (r RetryRule) String() string {
	if r == RetryUnprocessed {
		return "only-if-unprocessed"
	}
	return "safe"
}

// Operations is the operation table: every Amazon MQ operation of API
// version 2017-11-27, sorted by name.
var Operations []*Operation

var byName = map[string]*Operation{}

// Lookup returns the operation with the given name (case-sensitive), or nil.
func Lookup(name string) *Operation { return byName[name] }

// ForInput returns the operation whose input type is the dynamic type of in
// (a pointer to an XxxInput), or nil.
func ForInput(in any) *Operation {
	t := reflect.TypeOf(in)
	if t == nil || t.Kind() != reflect.Pointer {
		return nil
	}
	return byInput[t.Elem()]
}

var byInput = map[reflect.Type]*Operation{}

func register(ops ...*Operation) {
	for _, op := range ops {
		op.labels = strings.Split(op.Path, "/")
		Operations = append(Operations, op)
		byName[op.Name] = op
		byInput[op.Input] = op
	}
}

// NewInput returns a pointer to a new zero input of the operation.
func (op *Operation) NewInput() any { return reflect.New(op.Input).Interface() }

// NewOutput returns a pointer to a new zero output of the operation.
func (op *Operation) NewOutput() any { return reflect.New(op.Output).Interface() }

// PathLabels returns the names of the operation's path labels in template
// order, e.g. ["BrokerId", "Username"].
func (op *Operation) PathLabels() []string {
	var names []string
	for _, seg := range op.labels {
		if isLabel(seg) {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

// HasOutputBody reports whether a successful response carries a JSON body
// worth decoding (false for operations whose output has no members).
func (op *Operation) HasOutputBody() bool {
	return len(op.outPlan().fields) > 0
}

func isLabel(seg string) bool {
	return len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}'
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
