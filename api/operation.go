package api

import (
	"reflect"
	"strings"
)

//go:generate go run ../internal/gen -root ..

// Operation describes one Amazon MQ operation: everything the client, the
// emulator, the IAM policy generator, the CLI and the docs need to know
// about it. The descriptors are generated from the model (api/model);
// never modify one.
type Operation struct {
	// Name is the operation's name in the API, e.g. "ListBrokers".
	Name string
	// Doc is the first sentence of the operation's documentation.
	Doc string
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
	// IdempotencyToken is the model name of the member that the client
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
	// Errors are the codes of the modeled errors the operation can answer.
	Errors []string
	// Waiter names the waiter that follows the operation ("BrokerRunning",
	// "BrokerDeleted"), or "".
	Waiter string
	// Input and Output are the operation's Go input and output types.
	Input, Output reflect.Type

	newInput    func() input
	newOutput   func() output
	outputBody  bool                           // the output has members
	idempotency func(in any) *string           // the idempotency token member
	requestTags func(in any) map[string]string // the Tags member
	tagKeys     func(in any) []string          // the TagKeys member
}

// input is implemented by every XxxInput through its generated binding.
type input interface {
	operation() *Operation
	isNil() bool
	clone() input // a shallow copy
	appendURI(dst []byte) ([]byte, error)
	validate(v *validator)
	bindRequest(r *serverRequest) error
}

// output is implemented by every XxxOutput.
type output interface {
	operation() *Operation
	meta() *Metadata
}

// Paging describes token pagination: the members that carry it, named as
// the model names them, and typed access to them.
type Paging struct {
	// InputToken and OutputToken are the members holding the token.
	InputToken, OutputToken string
	// Items is the output member holding the page's items.
	Items string
	// PageSize is the input member limiting a page ("" if none).
	PageSize string
	// Paginated is true when the model marks the operation @paginated
	// (ListBrokers, DescribeSharedResources): the AWS CLI pages those
	// automatically.
	Paginated bool
	// Iterator is true when the client has an XxxAll iterator for it.
	Iterator bool
	// ItemType is the Go type of an item.
	ItemType reflect.Type

	token       func(in any) *string
	nextToken   func(out any) *string
	pageSize    func(in any) *int32
	itemCount   func(out any) int
	appendItems func(dst, src any)
	presize     func(out any, n int)
	trim        func(out any)
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

var byName = func() map[string]*Operation {
	m := make(map[string]*Operation, len(Operations))
	for _, op := range Operations {
		m[op.Name] = op
	}
	return m
}()

// Lookup returns the operation with the given name (case-sensitive), or nil.
func Lookup(name string) *Operation { return byName[name] }

// ForInput returns the operation whose input in is (a *XxxInput, nil
// pointers included), or nil.
func ForInput(in any) *Operation {
	if i, ok := in.(input); ok {
		return i.operation()
	}
	return nil
}

// NewInput returns a pointer to a new zero input of the operation.
func (op *Operation) NewInput() any { return op.newInput() }

// NewOutput returns a pointer to a new zero output of the operation.
func (op *Operation) NewOutput() any { return op.newOutput() }

// PathLabels returns the names of the operation's path labels in template
// order, e.g. ["BrokerId", "Username"].
func (op *Operation) PathLabels() []string {
	var names []string
	for _, seg := range strings.Split(op.Path, "/") {
		if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

// Pattern returns the operation's [net/http.ServeMux] pattern, e.g.
// "GET /v1/brokers/{BrokerId}": each label matches one escaped segment, so
// "%2F" stays inside it.
func (op *Operation) Pattern() string { return op.Method + " " + op.Path }

// HasOutputBody reports whether a successful response carries a JSON body
// worth decoding (false for operations whose output has no members).
func (op *Operation) HasOutputBody() bool { return op.outputBody }

// ResourceName returns the value of the input member that names the
// operation's resource: a broker or configuration ID, or the ARN of a tag
// operation; "" for operations on no resource.
func (op *Operation) ResourceName(in any) string {
	if len(op.Actions) == 0 {
		return ""
	}
	return op.Actions[0].ResourceName(in)
}

// Token returns a pointer to the input's page token.
func (p *Paging) Token(in any) *string { return p.token(in) }

// NextToken returns a pointer to the output's token of the next page.
func (p *Paging) NextToken(out any) *string { return p.nextToken(out) }

// PageSizeOf returns a pointer to the input's page size, or nil when the
// operation has none.
func (p *Paging) PageSizeOf(in any) *int32 {
	if p.pageSize == nil {
		return nil
	}
	return p.pageSize(in)
}

// ItemCount returns how many items the output's page holds.
func (p *Paging) ItemCount(out any) int { return p.itemCount(out) }

// AppendItems appends the items of the page src to those of dst, two
// outputs of the operation.
func (p *Paging) AppendItems(dst, src any) { p.appendItems(dst, src) }

// Presize gives the output's nil item list room for n items, so that
// decoding a page allocates its items once; Trim undoes it when the page
// had no list.
func (p *Paging) Presize(out any, n int) { p.presize(out, n) }

// Trim sets a presized item list that decoding left empty back to nil, as
// it is without presizing; a list the response sent empty ([]) has no
// capacity and stays.
func (p *Paging) Trim(out any) { p.trim(out) }

// WithIdempotencyToken returns in, or, when the operation has an
// idempotency token that in leaves empty, a copy of in with the token set
// to newToken(). The caller's input is never modified, so a copy made once
// per call carries the same token on every retry.
func (op *Operation) WithIdempotencyToken(in any, newToken func() string) (any, error) {
	i, err := op.inputOf(in)
	if err != nil || op.idempotency == nil || *op.idempotency(i) != "" {
		return i, err
	}
	cp := i.clone()
	*op.idempotency(cp) = newToken()
	return cp, nil
}

// RequestTags returns the tags the input asks to attach (the Tags member
// of CreateBroker, CreateConfiguration and CreateTags), or nil.
func (op *Operation) RequestTags(in any) map[string]string {
	if op.requestTags == nil || ForInput(in) != op || in.(input).isNil() {
		return nil
	}
	return op.requestTags(in)
}

// RequestTagKeys returns the tag keys the input names (DeleteTags), or nil.
func (op *Operation) RequestTagKeys(in any) []string {
	if op.tagKeys == nil || ForInput(in) != op || in.(input).isNil() {
		return nil
	}
	return op.tagKeys(in)
}
