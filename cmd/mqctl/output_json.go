package main

import (
	"encoding/json"
	"io"
)

// writeJSON writes v as the AWS CLI does: 4-space indentation, keys sorted,
// non-ASCII and HTML characters as they are, a final newline, and nothing at
// all for an empty object.
func writeJSON(w io.Writer, v any) error {
	if isEmptyObject(v) {
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
