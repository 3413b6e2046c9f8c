package api

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/mqrest/mqrest/internal/wire"
)

// ErrWrongInput is returned when an input of another operation is passed.
var ErrWrongInput = errors.New("mqrest: input type does not match the operation")

// inputOf returns in as the operation's input; a nil pointer counts as the
// zero input.
func (op *Operation) inputOf(in any) (input, error) {
	i, ok := in.(input)
	if !ok || i.operation() != op {
		return nil, fmt.Errorf("%w: %s wants *api.%s, got %T", ErrWrongInput, op.Name, op.Input.Name(), in)
	}
	if i.isNil() {
		return op.newInput(), nil
	}
	return i, nil
}

// AppendRequestURI appends the request target of the operation for in (a
// pointer to the operation's input) to dst: the path with every label
// escaped as a single segment, then "?" and the query when it has any
// member set. Query keys are sorted and values escaped with "%20" for
// space, as the official SDK sends them.
func (op *Operation) AppendRequestURI(dst []byte, in any) ([]byte, error) {
	i, err := op.inputOf(in)
	if err != nil {
		return dst, err
	}
	return i.appendURI(dst)
}

// EncodeBody returns the JSON request body for in, or nil for operations
// that send none, written by the input's generated encoder (encode.go).
// Members that are unset are left out; a non-nil empty list or map is
// sent, as the official SDK does; map keys are sorted.
func (op *Operation) EncodeBody(in any) ([]byte, error) {
	if !op.Body {
		return nil, nil
	}
	i, err := op.inputOf(in)
	if err != nil {
		return nil, err
	}
	enc, ok := i.(bodyEncoder)
	if !ok {
		return nil, fmt.Errorf("%w: %s has no body encoder for %T", ErrWrongInput, op.Name, in)
	}
	var e encodeError
	b := enc.appendJSON(make([]byte, 0, 256), &e)
	if e.err != nil {
		return nil, fmt.Errorf("mqrest: encode %s body: %w", op.Name, e.err)
	}
	return b, nil
}

// decodeOptions are how response bodies are read: as the official SDK
// reads them, a repeated member takes the last value and invalid UTF-8 is
// kept rather than refused.
var decodeOptions = json.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// DecodeOutput decodes a successful response body into out (a pointer to
// the operation's output). Members the API version does not know are
// ignored; enum values it does not list are kept.
func (op *Operation) DecodeOutput(data []byte, out any) error {
	if o, ok := out.(output); !ok || o.operation() != op {
		return fmt.Errorf("%w: %s decodes into *api.%s, got %T", ErrWrongInput, op.Name, op.Output.Name(), out)
	}
	return json.Unmarshal(data, out, decodeOptions)
}

// EncodeOutput returns the JSON body of a successful response with out,
// as a server sends it. Map members (tags) are written with their keys
// sorted, so that the same output is always the same body.
func (op *Operation) EncodeOutput(out any) ([]byte, error) {
	if o, ok := out.(output); !ok || o.operation() != op {
		return nil, fmt.Errorf("%w: %s encodes *api.%s, got %T", ErrWrongInput, op.Name, op.Output.Name(), out)
	}
	return json.Marshal(out, json.Deterministic(true))
}

// SetRequestID records the request ID of the response on out.
func SetRequestID(out any, id string) {
	if o, ok := out.(output); ok {
		o.meta().RequestID = id
	}
}

// DecodeHTTPRequest returns the operation's input read from a request that
// a [net/http.ServeMux] routed by [Operation.Pattern]: the path values, the
// query and body (the request's body, already read). Problems are reported
// as a *ValidationError naming the member, as the service's errorAttribute
// does.
func (op *Operation) DecodeHTTPRequest(r *http.Request, body []byte) (any, error) {
	in := op.newInput()
	sr := &serverRequest{op: op, label: r.PathValue, query: r.URL.Query(), body: body}
	if err := in.bindRequest(sr); err != nil {
		return nil, err
	}
	return in, nil
}

// DecodeRequest fills in (a pointer to the operation's input) from the
// parts of a request: the unescaped path label values in template order,
// the query and the body.
func (op *Operation) DecodeRequest(in any, labels []string, query url.Values, body []byte) error {
	i, err := op.inputOf(in)
	if err != nil {
		return err
	}
	if i != in {
		return ErrWrongInput // a nil pointer cannot be filled
	}
	names := op.PathLabels()
	label := func(name string) string {
		for k, n := range names {
			if n == name && k < len(labels) {
				return labels[k]
			}
		}
		return ""
	}
	return i.bindRequest(&serverRequest{op: op, label: label, query: query, body: body})
}

// serverRequest is a request as the generated bindRequest reads it.
type serverRequest struct {
	op    *Operation
	label func(name string) string
	query url.Values
	body  []byte
}

func (r *serverRequest) first(key string) (string, bool) {
	vs, ok := r.query[key]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

func (r *serverRequest) invalid(member, reason string) error {
	return &ValidationError{Operation: r.op.Name, Problems: []Problem{{Member: member, Reason: reason}}}
}

// decodeBody reads the JSON body into in; an empty body leaves it as is.
func (r *serverRequest) decodeBody(in any) error {
	if len(strings.TrimSpace(string(r.body))) == 0 {
		return nil
	}
	if err := json.Unmarshal(r.body, in); err != nil {
		member := ""
		var se *json.SemanticError
		if errors.As(err, &se) {
			member = wire.MemberPath(se.JSONPointer)
		}
		return r.invalid(member, "invalid JSON: "+err.Error())
	}
	return nil
}

// missingLabel is the error of a request target whose label is empty.
func missingLabel(op, name string) error {
	return &ValidationError{Operation: op, Problems: []Problem{{Member: name, Reason: "required"}}}
}

// appendQuery appends one escaped key=value pair, after '?' or '&'.
func appendQuery(dst []byte, sep *byte, key, val string) []byte {
	dst = append(dst, *sep)
	*sep = '&'
	dst = wire.AppendEscaped(dst, key)
	dst = append(dst, '=')
	return wire.AppendEscaped(dst, val)
}

// decodeException fills a typed exception from an error body, matching
// member names without regard to case as the SDKs do for errors.
func decodeException(body []byte, e any) {
	if len(body) == 0 {
		return
	}
	_ = json.Unmarshal(body, e, decodeOptions, json.MatchCaseInsensitiveNames(true))
}

// exceptionText is the Error text of a typed exception.
func exceptionText(code, msg string) string {
	if msg == "" {
		return code
	}
	return code + ": " + msg
}
