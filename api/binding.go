package api

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// location says where a member travels on the wire.
type location int

const (
	inBody location = iota
	inPath
	inQuery
)

// field is what the binding knows about one struct member, read once from
// its struct tags: `json:"wireName,omitzero"` and
// `mq:"path=Label|query=key,required,secret,idempotency,name=ModelName"`.
type field struct {
	index    int
	goName   string
	member   string // the model's member name (the AWS CLI's PascalCase key)
	wire     string // JSON name, path label or query key
	loc      location
	required bool
	secret   bool
	typ      reflect.Type
	elem     *plan    // nested structure (pointer, value or slice element)
	enum     []string // values of an enum member (or list of enums), else nil
}

// plan is the binding of one struct type.
type plan struct {
	fields []field
}

var plans sync.Map // reflect.Type -> *plan

func planFor(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p := &plan{}
	plans.Store(t, p) // before recursing: shapes may nest
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous || !sf.IsExported() {
			continue
		}
		f := field{index: i, goName: sf.Name, member: sf.Name, typ: sf.Type, enum: EnumValues(sf.Type)}
		if js := sf.Tag.Get("json"); js != "" && js != "-" {
			f.wire, _, _ = strings.Cut(js, ",")
		}
		for _, opt := range strings.Split(sf.Tag.Get("mq"), ",") {
			k, v, _ := strings.Cut(opt, "=")
			switch k {
			case "path":
				f.loc, f.wire = inPath, v
			case "query":
				f.loc, f.wire = inQuery, v
			case "required":
				f.required = true
			case "secret":
				f.secret = true
			case "name":
				f.member = v
			}
		}
		st := sf.Type
		for st.Kind() == reflect.Pointer || st.Kind() == reflect.Slice {
			st = st.Elem()
		}
		if st.Kind() == reflect.Struct && st.PkgPath() == t.PkgPath() {
			f.elem = planFor(st)
		}
		p.fields = append(p.fields, f)
	}
	return p
}

func (p *plan) label(name string) *field {
	for i := range p.fields {
		if p.fields[i].loc == inPath && p.fields[i].wire == name {
			return &p.fields[i]
		}
	}
	return nil
}

// Field returns the Go field of in (a pointer to a struct) called name, or
// an invalid Value. It lets table-driven code (pagination, idempotency
// tokens) reach members by the names the table records.
func Field(in any, name string) reflect.Value {
	v := reflect.ValueOf(in)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v.FieldByName(name)
}

// MemberName returns the model (AWS CLI) member name of the Go field goName
// of the struct type t, e.g. "BrokerId" for BrokerID; "" when unknown.
func MemberName(t reflect.Type, goName string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return ""
	}
	for _, f := range planFor(t).fields {
		if f.goName == goName {
			return f.member
		}
	}
	return ""
}

// WireName returns the wire name (JSON key, path label or query key) of the
// Go field goName of struct type t; "" when unknown.
func WireName(t reflect.Type, goName string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, f := range planFor(t).fields {
		if f.goName == goName {
			return f.wire
		}
	}
	return ""
}

// IsSecret reports whether the Go field goName of struct type t holds a
// secret (a password) that must never be printed or logged.
func IsSecret(t reflect.Type, goName string) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, f := range planFor(t).fields {
		if f.goName == goName {
			return f.secret
		}
	}
	return false
}

// scalarString renders a path or query scalar.
func scalarString(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), v.Len() > 0
	case reflect.Int32, reflect.Int64, reflect.Int:
		return strconv.FormatInt(v.Int(), 10), v.Int() != 0
	case reflect.Pointer:
		if v.IsNil() {
			return "", false
		}
		return scalarString(v.Elem())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	}
	return "", false
}
