package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// writeText writes v in the AWS CLI's text format: tab-separated scalars,
// one line per object; a list of objects is one line per object prefixed by
// the list's name in upper case, with the union of their scalar keys as
// columns; nested values follow, named by their key.
func writeText(w io.Writer, v any) error {
	tw := &textWriter{w: w}
	tw.value(v, "", nil)
	return tw.err
}

type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) line(fields []string) {
	if t.err == nil {
		_, t.err = io.WriteString(t.w, strings.Join(fields, "\t")+"\n")
	}
}

func (t *textWriter) value(v any, ident string, scalarKeys []string) {
	switch x := v.(type) {
	case map[string]any:
		t.object(x, ident, scalarKeys)
	case []any:
		t.list(x, ident)
	default:
		t.line([]string{textScalar(v)})
	}
}

func (t *textWriter) list(l []any, ident string) {
	if len(l) == 0 {
		return
	}
	hasObject, hasList := false, false
	for _, e := range l {
		switch e.(type) {
		case map[string]any:
			hasObject = true
		case []any:
			hasList = true
		}
	}
	switch {
	case hasObject:
		keys := allScalarKeys(l)
		for _, e := range l {
			t.value(e, ident, keys)
		}
	case hasList:
		var scalars []any
		var rest []any
		for _, e := range l {
			if isScalar(e) {
				scalars = append(scalars, e)
			} else {
				rest = append(rest, e)
			}
		}
		if len(scalars) > 0 {
			t.scalarList(scalars, ident)
		}
		for _, e := range rest {
			t.value(e, ident, nil)
		}
	default:
		t.scalarList(l, ident)
	}
}

func (t *textWriter) scalarList(l []any, ident string) {
	if ident != "" {
		for _, e := range l {
			t.line([]string{strings.ToUpper(ident), textScalar(e)})
		}
		return
	}
	fields := make([]string, len(l))
	for i, e := range l {
		fields[i] = textScalar(e)
	}
	t.line(fields)
}

func (t *textWriter) object(m map[string]any, ident string, scalarKeys []string) {
	var scalars []string
	var nested []string
	keys := sortedKeys(m)
	if scalarKeys == nil {
		// The AWS CLI sorts the members, a multiselect hash's too.
		for _, k := range keys {
			if isScalar(m[k]) {
				scalars = append(scalars, textScalar(m[k]))
			} else {
				nested = append(nested, k)
			}
		}
	} else {
		for _, k := range scalarKeys {
			v, ok := m[k]
			if !ok {
				scalars = append(scalars, "") // absent in this object: an empty field
				continue
			}
			scalars = append(scalars, textScalar(v))
		}
		for _, k := range keys {
			if !slices.Contains(scalarKeys, k) {
				nested = append(nested, k)
			}
		}
	}
	if len(scalars) > 0 {
		if ident != "" {
			scalars = append([]string{strings.ToUpper(ident)}, scalars...)
		}
		t.line(scalars)
	}
	for _, k := range nested {
		t.value(m[k], k, nil)
	}
}

// allScalarKeys returns the sorted union of the scalar keys of the objects
// in l.
func allScalarKeys(l []any) []string {
	seen := map[string]bool{}
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			for k, v := range m {
				if isScalar(v) {
					seen[k] = true
				}
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// textScalar renders a scalar as Python's str() does in the AWS CLI.
func textScalar(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		return pyNumber(x)
	case int:
		return strconv.Itoa(x)
	}
	return fmt.Sprint(v)
}
