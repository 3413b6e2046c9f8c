package api

import (
	"encoding/json/jsontext"
	"slices"
	"strconv"
)

// The request body encoder. Every structure that request bodies hold has a
// generated appendJSON method that writes its members in field order,
// straight from the fields, through jsontext: a member that is unset is
// left out, a non-nil empty list or map is sent, as the official SDK sends
// them, and map keys are sorted so that a body is the same on every call.

// bodyEncoder is implemented by the inputs of operations with a body.
type bodyEncoder interface {
	appendJSON(b []byte, e *encodeError) []byte
}

// encodeError keeps the first error of an encoding: a string that is not
// valid UTF-8.
type encodeError struct{ err error }

// name appends the member name, after a comma unless it is the first.
func appendName(b []byte, first *bool, name string) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string, e *encodeError) []byte {
	b, err := jsontext.AppendQuote(b, s)
	if err != nil && e.err == nil {
		e.err = err
	}
	return b
}

func appendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// appendStrings appends a list of strings.
func appendStrings[S ~string](b []byte, list []S, e *encodeError) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, string(s), e)
	}
	return append(b, ']')
}

// appendStringMap appends a map of strings, keys sorted.
func appendStringMap(b []byte, m map[string]string, e *encodeError) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k, e)
		b = append(b, ':')
		b = appendString(b, m[k], e)
	}
	return append(b, '}')
}
