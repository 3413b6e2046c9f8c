package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/mqrest/mqrest/internal/wire"
)

// AppendRequestURI appends the request target of the operation for in (a
// pointer to the operation's input) to dst: the path with every label
// escaped as a single segment, then "?" and the query when it has any
// member set. Query keys are sorted and values escaped with "%20" for
// space, as the official SDK sends them.
func (op *Operation) AppendRequestURI(dst []byte, in any) ([]byte, error) {
	v, err := op.inputValue(in)
	if err != nil {
		return dst, err
	}
	ip := op.inPlan()
	for i, seg := range op.labels {
		if i > 0 {
			dst = append(dst, '/')
		}
		if !isLabel(seg) {
			dst = append(dst, seg...)
			continue
		}
		name := seg[1 : len(seg)-1]
		f := ip.label(name)
		s, ok := scalarString(v.Field(f.index))
		if !ok {
			return dst, &ValidationError{Operation: op.Name, Problems: []Problem{{Member: name, Reason: "required"}}}
		}
		dst = wire.AppendEscaped(dst, s)
	}
	return op.appendQuery(dst, v), nil
}

func (op *Operation) appendQuery(dst []byte, v reflect.Value) []byte {
	type kv struct {
		key string
		f   *field
	}
	var keys [8]kv
	n := 0
	ip := op.inPlan()
	for i := range ip.fields {
		if f := &ip.fields[i]; f.loc == inQuery && n < len(keys) {
			keys[n] = kv{f.wire, f}
			n++
		}
	}
	if n == 0 {
		return dst
	}
	slices.SortFunc(keys[:n], func(a, b kv) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	sep := byte('?')
	put := func(key, val string) {
		dst = append(dst, sep)
		sep = '&'
		dst = wire.AppendEscaped(dst, key)
		dst = append(dst, '=')
		dst = wire.AppendEscaped(dst, val)
	}
	for _, k := range keys[:n] {
		fv := v.Field(k.f.index)
		if fv.Kind() == reflect.Slice {
			for j := 0; j < fv.Len(); j++ {
				put(k.key, fv.Index(j).String())
			}
			continue
		}
		if s, ok := scalarString(fv); ok {
			put(k.key, s)
		}
	}
	return dst
}

// EncodeBody returns the JSON request body for in, or nil for operations
// that send none. Members that are unset are left out; a non-nil empty
// list or map is sent, as the official SDK does.
func (op *Operation) EncodeBody(in any) ([]byte, error) {
	if !op.Body {
		return nil, nil
	}
	if _, err := op.inputValue(in); err != nil {
		return nil, err
	}
	b, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("mqrest: encode %s body: %w", op.Name, err)
	}
	return b, nil
}

// ErrWrongInput is returned when an input of another operation is passed.
var ErrWrongInput = errors.New("mqrest: input type does not match the operation")

func (op *Operation) inputValue(in any) (reflect.Value, error) {
	v := reflect.ValueOf(in)
	if v.Kind() != reflect.Pointer || v.Type().Elem() != op.Input {
		return reflect.Value{}, fmt.Errorf("%w: %s wants *api.%s, got %T", ErrWrongInput, op.Name, op.Input.Name(), in)
	}
	if v.IsNil() {
		return reflect.Zero(op.Input), nil
	}
	return v.Elem(), nil
}
