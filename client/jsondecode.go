package client

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeJSON decodes a response body into out (a pointer to an output
// struct) in one pass, driven by per-type plans built once by reflection.
// It handles the kinds the API shapes use (strings and string enums,
// int32, *bool, time.Time, pointers, slices, map[string]string, structs).
// Anything else, and any malformed or mistyped input, falls back to
// encoding/json on a zeroed output, so results and errors stay exactly
// those of json.Unmarshal.
func decodeJSON(data []byte, out any) error {
	v := reflect.ValueOf(out).Elem()
	d := decoder{data: data}
	if err := d.value(v); err == nil {
		d.ws()
		if d.pos == len(d.data) {
			return nil
		}
	}
	v.SetZero()
	return json.Unmarshal(data, out)
}

var errFallback = errors.New("fallback")

type decoder struct {
	data []byte
	pos  int
}

// structPlan lists a struct type's JSON members.
type structPlan struct {
	fields []jsonField
}

type jsonField struct {
	name  string
	index int
	enum  []string // interned values of a string enum
}

var structPlans sync.Map // reflect.Type → *structPlan

func planOf(t reflect.Type) *structPlan {
	if p, ok := structPlans.Load(t); ok {
		return p.(*structPlan)
	}
	p := &structPlan{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if !sf.IsExported() || tag == "-" || sf.Anonymous {
			continue
		}
		name := sf.Name
		if n, _, _ := cutComma(tag); n != "" {
			name = n
		}
		f := jsonField{name: name, index: i}
		ft := sf.Type
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.String && ft != reflect.TypeFor[string]() {
			if m, ok := reflect.PointerTo(ft).MethodByName("Values"); ok && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 {
				vals := reflect.New(ft).Method(m.Index).Call(nil)[0]
				for j := 0; j < vals.Len(); j++ {
					f.enum = append(f.enum, vals.Index(j).String())
				}
			}
		}
		p.fields = append(p.fields, f)
	}
	structPlans.Store(t, p)
	return p
}

func cutComma(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func (p *structPlan) lookup(key []byte) *jsonField {
	for i := range p.fields {
		if p.fields[i].name == string(key) {
			return &p.fields[i]
		}
	}
	for i := range p.fields { // encoding/json matches case-insensitively too
		if equalFoldASCII(p.fields[i].name, key) {
			return &p.fields[i]
		}
	}
	return nil
}

func equalFoldASCII(s string, b []byte) bool {
	if len(s) != len(b) {
		return false
	}
	for i := 0; i < len(s); i++ {
		x, y := s[i], b[i]
		if x >= 0x80 || y >= 0x80 {
			return false // leave Unicode folding to encoding/json
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// literal consumes lit if it comes next.
func (d *decoder) literal(lit string) bool {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return true
	}
	return false
}

func (d *decoder) expect(c byte) error {
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return nil
	}
	return errFallback
}

var timeType = reflect.TypeFor[time.Time]()

func (d *decoder) value(v reflect.Value) error {
	d.ws()
	if d.pos >= len(d.data) {
		return errFallback
	}
	if d.data[d.pos] == 'n' {
		if !d.literal("null") {
			return errFallback
		}
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			v.SetZero()
		}
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		raw, esc, err := d.stringBytes()
		if err != nil {
			return err
		}
		s, err := makeString(raw, esc, nil)
		if err != nil {
			return err
		}
		v.SetString(s)
	case reflect.Bool:
		switch {
		case d.literal("true"):
			v.SetBool(true)
		case d.literal("false"):
			v.SetBool(false)
		default:
			return errFallback
		}
	case reflect.Int32, reflect.Int64, reflect.Int:
		n, err := d.integer()
		if err != nil || v.OverflowInt(n) {
			return errFallback
		}
		v.SetInt(n)
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.value(v.Elem())
	case reflect.Slice:
		return d.slice(v, nil)
	case reflect.Map:
		return d.mapValue(v)
	case reflect.Struct:
		if v.Type() == timeType {
			raw, esc, err := d.stringBytes()
			if err != nil || esc {
				return errFallback
			}
			return v.Addr().Interface().(*time.Time).UnmarshalText(raw)
		}
		return d.object(v)
	default:
		return errFallback
	}
	return nil
}

func (d *decoder) object(v reflect.Value) error {
	if err := d.expect('{'); err != nil {
		return err
	}
	p := planOf(v.Type())
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		key, esc, err := d.stringBytes()
		if err != nil || esc {
			return errFallback
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		if f := p.lookup(key); f != nil {
			fv := v.Field(f.index)
			if f.enum != nil && fv.Kind() == reflect.String {
				err = d.enumString(fv, f.enum)
			} else if f.enum != nil && fv.Kind() == reflect.Slice {
				err = d.slice(fv, f.enum)
			} else {
				err = d.value(fv)
			}
		} else {
			err = d.skip()
		}
		if err != nil {
			return err
		}
		d.ws()
		if d.pos >= len(d.data) {
			return errFallback
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return errFallback
		}
	}
}

// enumString sets an enum member, reusing the constant's string (no
// allocation) when the value is one the API version knows.
func (d *decoder) enumString(v reflect.Value, enum []string) error {
	d.ws()
	if d.literal("null") {
		return nil
	}
	raw, esc, err := d.stringBytes()
	if err != nil {
		return err
	}
	s, err := makeString(raw, esc, enum)
	v.SetString(s)
	return err
}

func (d *decoder) slice(v reflect.Value, enum []string) error {
	d.ws()
	if d.literal("null") {
		v.SetZero()
		return nil
	}
	if err := d.expect('['); err != nil {
		return err
	}
	i := 0
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return nil
	}
	for {
		if i >= v.Cap() {
			v.Grow(1)
		}
		if i >= v.Len() {
			v.SetLen(i + 1)
		}
		var err error
		if enum != nil {
			err = d.enumString(v.Index(i), enum)
		} else {
			err = d.value(v.Index(i))
		}
		if err != nil {
			return err
		}
		i++
		d.ws()
		if d.pos >= len(d.data) {
			return errFallback
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			if i < v.Len() {
				v.SetLen(i)
			}
			return nil
		default:
			return errFallback
		}
	}
}

func (d *decoder) mapValue(v reflect.Value) error {
	if v.Type().Key().Kind() != reflect.String {
		return errFallback
	}
	if err := d.expect('{'); err != nil {
		return err
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	et := v.Type().Elem()
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		raw, esc, err := d.stringBytes()
		if err != nil {
			return err
		}
		key, err := makeString(raw, esc, nil)
		if err != nil {
			return err
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		if et.Kind() == reflect.String {
			d.ws()
			raw, esc, err := d.stringBytes()
			if err != nil {
				return err
			}
			val, err := makeString(raw, esc, nil)
			if err != nil {
				return err
			}
			v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), reflect.ValueOf(val).Convert(et))
		} else {
			e := reflect.New(et).Elem()
			if err := d.value(e); err != nil {
				return err
			}
			v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), e)
		}
		d.ws()
		if d.pos >= len(d.data) {
			return errFallback
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return errFallback
		}
	}
}

// strSpecial marks the bytes a string scan must stop at: the closing
// quote, a backslash, control characters and non-ASCII bytes.
var strSpecial = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80
	}
	return t
}()

// stringBytes consumes a JSON string and returns its raw contents and
// whether they hold escapes (or non-ASCII bytes, which unescape validates).
func (d *decoder) stringBytes() ([]byte, bool, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, false, errFallback
	}
	start := d.pos + 1
	esc := false
	data := d.data
	for i := start; i < len(data); i++ {
		c := data[i]
		if !strSpecial[c] {
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			return data[start:i], esc, nil
		case c == '\\':
			esc = true
			i++
			if i >= len(data) {
				return nil, false, errFallback
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if _, n := hex4(data[i+1:]); n < 0 {
					return nil, false, errFallback
				}
				i += 4
			default:
				return nil, false, errFallback
			}
		case c < 0x20:
			return nil, false, errFallback
		default:
			esc = true
		}
	}
	return nil, false, errFallback
}

// makeString returns raw as a string, unescaped when esc; a value of enum
// comes back as the enum's own string, without allocating.
func makeString(raw []byte, esc bool, enum []string) (string, error) {
	if !esc {
		for _, e := range enum {
			if e == string(raw) {
				return e, nil
			}
		}
		return string(raw), nil
	}
	return unescape(raw)
}

// unescape decodes the contents of a JSON string as encoding/json does:
// escapes resolved, invalid UTF-8 and lone surrogates replaced by U+FFFD.
func unescape(raw []byte) (string, error) {
	b := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			i++
			switch raw[i] {
			case '"', '\\', '/':
				b = append(b, raw[i])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, n := hex4(raw[i+1:])
				if n < 0 {
					return "", errFallback
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, n2 := rune(-1), -1
					if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
						r2, n2 = hex4(raw[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); n2 >= 0 && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", errFallback
			}
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			i += size
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b), nil
}

func hex4(b []byte) (rune, int) {
	if len(b) < 4 {
		return 0, -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, -1
		}
		r = r<<4 | rune(c)
	}
	return r, 4
}

// integer consumes a JSON integer (no fraction or exponent).
func (d *decoder) integer() (int64, error) {
	start := d.pos
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	digits := d.pos
	for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
		d.pos++
	}
	if d.pos == digits || d.pos < len(d.data) && (d.data[d.pos] == '.' || d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		return 0, errFallback
	}
	if d.data[digits] == '0' && d.pos-digits > 1 {
		return 0, errFallback // leading zero: invalid JSON
	}
	n, err := strconv.ParseInt(string(d.data[start:d.pos]), 10, 64)
	if err != nil {
		return 0, errFallback
	}
	return n, nil
}

// skip consumes any JSON value.
func (d *decoder) skip() error {
	d.ws()
	if d.pos >= len(d.data) {
		return errFallback
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		_, _, err := d.stringBytes()
		return err
	case c == '{' || c == '[':
		d.pos++
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		d.ws()
		if d.pos < len(d.data) && d.data[d.pos] == close {
			d.pos++
			return nil
		}
		for {
			if c == '{' {
				d.ws()
				if _, _, err := d.stringBytes(); err != nil {
					return err
				}
				if err := d.expect(':'); err != nil {
					return err
				}
			}
			if err := d.skip(); err != nil {
				return err
			}
			d.ws()
			if d.pos >= len(d.data) {
				return errFallback
			}
			switch d.data[d.pos] {
			case ',':
				d.pos++
			case close:
				d.pos++
				return nil
			default:
				return errFallback
			}
		}
	case c == 't':
		if d.literal("true") {
			return nil
		}
	case c == 'f':
		if d.literal("false") {
			return nil
		}
	case c == 'n':
		if d.literal("null") {
			return nil
		}
	case c == '-' || '0' <= c && c <= '9':
		start := d.pos
		for d.pos < len(d.data) && (d.data[d.pos] == '-' || d.data[d.pos] == '+' || d.data[d.pos] == '.' ||
			d.data[d.pos] == 'e' || d.data[d.pos] == 'E' || '0' <= d.data[d.pos] && d.data[d.pos] <= '9') {
			d.pos++
		}
		if json.Valid(d.data[start:d.pos]) {
			return nil
		}
	}
	return errFallback
}
