package client

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mqrest/mqrest/api"
)

// decodeJSON decodes a response body into out (a pointer to an output
// struct) in one pass, driven by per-type plans built once by reflection.
// It handles the kinds the API shapes use (strings and string enums,
// int32, *bool, time.Time, pointers, slices, map[string]string, structs).
// Anything else, and any malformed or mistyped input, falls back to
// encoding/json on a zeroed output, so results and errors stay exactly
// those of json.Unmarshal.
//
// What makes it fast: a member is first matched against the field after
// the previous one (members usually come in the order of the fields, as
// encoding/json writes them; any other order works through a lookup),
// known enum values and member names are compared in place instead of
// scanned, strings are scanned eight bytes at a time, and makeString
// avoids most string allocations.
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
	data     []byte
	pos      int
	src      string     // the current object's source string, see makeString
	interned [32]string // short strings decoded so far, by hash
}

// structPlan lists a struct type's JSON members.
type structPlan struct {
	fields []jsonField
}

type jsonField struct {
	name  string
	pos   int      // in structPlan.fields
	index int      // in the struct
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
		f := jsonField{name: name, pos: len(p.fields), index: i}
		f.enum = api.EnumValues(sf.Type)
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

// expected consumes the key at d.pos and returns its field when it is the
// field at i (members mostly come in the order of the fields), quoted and
// unescaped. Otherwise it returns nil and consumes nothing.
func (p *structPlan) expected(d *decoder, i int) *jsonField {
	if i >= len(p.fields) {
		return nil
	}
	if d.quoted(p.fields[i].name) {
		return &p.fields[i]
	}
	return nil
}

// lookup returns the field named key, or nil.
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
	for d.pos < len(d.data) && d.data[d.pos] <= ' ' {
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
		s, err := d.makeString(raw, esc)
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
		return d.object(v, nil)
	default:
		return errFallback
	}
	return nil
}

// object decodes a JSON object into the struct v, whose plan is p (nil:
// look it up).
func (d *decoder) object(v reflect.Value, p *structPlan) error {
	if err := d.expect('{'); err != nil {
		return err
	}
	if p == nil {
		p = planOf(v.Type())
	}
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	outer := d.src // each object has its own source string
	d.src = ""
	next := 0 // members usually come in the order of the fields: try that one first
	for {
		d.ws()
		f := p.expected(d, next)
		if f == nil {
			key, esc, err := d.stringBytes()
			if err != nil || esc {
				return errFallback
			}
			f = p.lookup(key)
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		var err error
		if f != nil {
			next = f.pos + 1
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
			d.src = outer
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
	for _, e := range enum { // a known value, quoted and unescaped, needs no scan
		if d.quoted(e) {
			v.SetString(e)
			return nil
		}
	}
	raw, esc, err := d.stringBytes()
	if err != nil {
		return err
	}
	s, err := d.makeString(raw, esc)
	v.SetString(s)
	return err
}

// quoted consumes the JSON string "s" if it comes next, s being free of
// characters that need escaping.
func (d *decoder) quoted(s string) bool {
	end := d.pos + 1 + len(s)
	if end < len(d.data) && d.data[d.pos] == '"' && d.data[end] == '"' && string(d.data[d.pos+1:end]) == s {
		d.pos = end + 1
		return true
	}
	return false
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
	var plan *structPlan // of the elements, when they are structs
	if et := v.Type().Elem(); et.Kind() == reflect.Struct && et != timeType {
		plan = planOf(et)
	}
	for {
		if i >= v.Cap() {
			v.Grow(1)
		}
		if i >= v.Len() {
			v.SetLen(i + 1)
		}
		var err error
		switch {
		case enum != nil:
			err = d.enumString(v.Index(i), enum)
		case plan != nil:
			if d.ws(); d.pos < len(d.data) && d.data[d.pos] == 'n' {
				err = d.value(v.Index(i)) // null
			} else {
				err = d.object(v.Index(i), plan)
			}
		default:
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
	strs, _ := v.Interface().(map[string]string) // the tags: set without reflection
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
		key, err := d.makeString(raw, esc)
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
			val, err := d.makeString(raw, esc)
			if err != nil {
				return err
			}
			if strs != nil {
				strs[key] = val
			} else {
				v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), reflect.ValueOf(val).Convert(et))
			}
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

// specialMask flags, in the top bit of each of its bytes, the bytes of w
// that strSpecial marks: a quote, a backslash, a control character or a
// non-ASCII byte (the classic SWAR tests: byte b is zero when (b-1)&^b has
// its top bit set, and below 0x20 when (b-0x20)&^b has). Borrows can flag a
// byte above a special one, never one below it, so the lowest flagged byte
// is the first special byte, and a zero mask means none.
func specialMask(w uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	q := w ^ (ones * '"')
	bs := w ^ (ones * '\\')
	return ((q-ones)&^q | (bs-ones)&^bs | (w - ones*0x20) | w) & high
}

// stringBytes consumes a JSON string and returns its raw contents and
// whether they hold escapes (or non-ASCII bytes, which unescape validates).
// It skips eight ordinary bytes at a time: most strings hold no special
// byte but the closing quote.
func (d *decoder) stringBytes() ([]byte, bool, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, false, errFallback
	}
	start := d.pos + 1
	esc := false
	data := d.data
	for i := start; i < len(data); {
		if i+8 <= len(data) {
			m := specialMask(binary.LittleEndian.Uint64(data[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		} else if !strSpecial[data[i]] {
			i++
			continue
		}
		switch c := data[i]; {
		case c == '"':
			d.pos = i + 1
			return data[start:i], esc, nil
		case c == '\\':
			esc = true
			if i+1 >= len(data) {
				return nil, false, errFallback
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, n := hex4(data[i+2:]); n < 0 {
					return nil, false, errFallback
				}
				i += 6
			default:
				return nil, false, errFallback
			}
		case c < 0x20:
			return nil, false, errFallback
		default:
			esc = true
			i++
		}
	}
	return nil, false, errFallback
}

// makeString returns raw as a string, unescaped when esc. It allocates
// only when it must: a short value seen before in this body (an instance
// type, an engine version) comes back as the same string, and a value that
// occurs in the current object's source string (a broker's ARN holds its
// name and ends with its ID) as a substring of it. Strings are immutable,
// so the sharing is invisible to callers; it never reaches into data,
// which is a pooled buffer, and a shared substring keeps alive only its
// source, a string of the same object.
func (d *decoder) makeString(raw []byte, esc bool) (string, error) {
	if esc {
		return unescape(raw)
	}
	var slot *string
	if len(raw) <= maxInterned {
		h := uint64(14695981039346656037) // FNV-1a
		for _, c := range raw {
			h = (h ^ uint64(c)) * 1099511628211
		}
		slot = &d.interned[h>>59] // the top 5 bits: 32 slots
		if *slot == string(raw) {
			return *slot, nil
		}
	}
	if n := len(raw); n >= minShared && n < len(d.src) {
		if d.src[len(d.src)-n:] == string(raw) { // an ARN ends with the ID
			return d.src[len(d.src)-n:], nil
		}
		if i := index(d.src, raw); i >= 0 {
			return d.src[i : i+n], nil
		}
	}
	s := string(raw)
	switch {
	case slot != nil:
		*slot = s
	case len(s) >= minSource && d.src == "":
		d.src = s
	}
	return s, nil
}

// Bounds of the sharing in makeString, in bytes: strings from minShared
// bytes are looked up in the source, the first string of an object of
// minSource bytes or more becomes its source, and strings of up to
// maxInterned bytes are interned.
const (
	minShared   = 8
	minSource   = 32
	maxInterned = 16
)

// index returns the index of the first b in s, or -1.
func index(s string, b []byte) int {
	n := len(b)
	for i := 0; i+n <= len(s); i++ {
		j := strings.IndexByte(s[i:len(s)-n+1], b[0])
		if j < 0 {
			return -1
		}
		i += j
		if s[i:i+n] == string(b) {
			return i
		}
	}
	return -1
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
