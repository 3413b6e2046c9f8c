package api

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// Errors of Route.
var (
	// ErrNoRoute: no operation has a path of that shape.
	ErrNoRoute = errors.New("mqrest: no operation at this path")
	// ErrMethodNotAllowed: operations exist at the path, not with the method.
	ErrMethodNotAllowed = errors.New("mqrest: method not allowed at this path")
)

// Route finds the operation that serves method at escapedPath (the path as
// sent, e.g. URL.EscapedPath()) and returns the unescaped value of each path
// label in template order. It is how a server dispatches by the table.
func Route(method, escapedPath string) (*Operation, []string, error) {
	segs := strings.Split(escapedPath, "/")
	pathMatched := false
	for _, op := range Operations {
		labels, ok := op.match(segs)
		if !ok {
			continue
		}
		pathMatched = true
		if op.Method == method {
			return op, labels, nil
		}
	}
	if pathMatched {
		return nil, nil, ErrMethodNotAllowed
	}
	return nil, nil, ErrNoRoute
}

func (op *Operation) match(segs []string) ([]string, bool) {
	if len(segs) != len(op.labels) {
		return nil, false
	}
	var labels []string
	for i, t := range op.labels {
		if isLabel(t) {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			labels = append(labels, v)
			continue
		}
		if segs[i] != t {
			return nil, false
		}
	}
	return labels, true
}

// DecodeRequest fills in (a pointer to the operation's input) from a
// request: the JSON body (when the operation has one), the path label
// values Route returned, and the query. Problems are reported as a
// *ValidationError naming the member, as the service's errorAttribute does.
func (op *Operation) DecodeRequest(in any, labels []string, query url.Values, body []byte) error {
	v, err := op.inputValue(in)
	if err != nil {
		return err
	}
	if !v.CanSet() {
		return ErrWrongInput
	}
	ip := op.inPlan()
	if op.Body && len(strings.TrimSpace(string(body))) > 0 {
		if err := json.Unmarshal(body, in); err != nil {
			member := ""
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				member = te.Field
			}
			return &ValidationError{Operation: op.Name, Problems: []Problem{{Member: member, Reason: "invalid JSON: " + err.Error()}}}
		}
	}
	names := op.PathLabels()
	for i, name := range names {
		if i < len(labels) {
			v.Field(ip.label(name).index).SetString(labels[i])
		}
	}
	for i := range ip.fields {
		f := &ip.fields[i]
		if f.loc != inQuery {
			continue
		}
		vals, ok := query[f.wire]
		if !ok || len(vals) == 0 {
			continue
		}
		fv := v.Field(f.index)
		switch fv.Kind() {
		case reflect.Slice:
			fv.Set(reflect.ValueOf(append([]string(nil), vals...)))
		case reflect.Int32:
			n, err := strconv.ParseInt(vals[0], 10, 32)
			if err != nil {
				return &ValidationError{Operation: op.Name, Problems: []Problem{{Member: f.wire, Reason: "must be an integer"}}}
			}
			fv.SetInt(n)
		case reflect.String:
			fv.SetString(vals[0])
		}
	}
	return nil
}
