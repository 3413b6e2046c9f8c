package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// writeJSON writes v as the AWS CLI does (Python's json.dump with indent=4
// and ensure_ascii=False): 4-space indentation, members in order, non-ASCII
// characters as they are, a final newline, and nothing at all for an empty
// object.
func writeJSON(w io.Writer, v any, order keyOrder) error {
	if isEmptyObject(v) {
		return nil
	}
	var b strings.Builder
	writeJSONValue(&b, v, order, 0)
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// writeJSONValue writes v at the given depth of indentation.
func writeJSONValue(b *strings.Builder, v any, order keyOrder, depth int) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{")
		for i, k := range order.keys(x) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n" + strings.Repeat("    ", depth+1))
			b.WriteString(pyJSONString(k, false))
			b.WriteString(": ")
			writeJSONValue(b, x[k], order, depth+1)
		}
		b.WriteString("\n" + strings.Repeat("    ", depth) + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[")
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n" + strings.Repeat("    ", depth+1))
			writeJSONValue(b, e, order, depth+1)
		}
		b.WriteString("\n" + strings.Repeat("    ", depth) + "]")
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		b.WriteString(pyJSONString(x, false))
	case float64:
		b.WriteString(pyNumber(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	default:
		b.WriteString(pyJSONString(fmt.Sprint(x), false))
	}
}

// pyJSONString quotes s as Python's json module does: ", \ and control
// characters escaped (\n, \t, ... or \u00XX), and, when ascii is set (the
// module's default, ensure_ascii=True), every non-ASCII character as \uXXXX
// (UTF-16 surrogate pairs above the BMP).
func pyJSONString(s string, ascii bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			switch {
			case r < 0x20:
				fmt.Fprintf(&b, `\u%04x`, r)
			case ascii && r > 0x7e:
				if r > 0xffff {
					r -= 0x10000
					fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
				} else {
					fmt.Fprintf(&b, `\u%04x`, r)
				}
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pyNumber renders a number as Python prints the int or float the AWS CLI
// holds: integers without a decimal point, other numbers as Python's
// repr (shortest round-trip digits, an exponent outside 1e-4 .. 1e16).
func pyNumber(f float64) string {
	if f == float64(int64(f)) && f > -1e18 && f < 1e18 {
		return strconv.FormatInt(int64(f), 10)
	}
	abs := f
	if abs < 0 {
		abs = -abs
	}
	if abs >= 1e-4 && abs < 1e16 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'e', -1, 64) // 1e-05, 1e+16: Python's form too
}
