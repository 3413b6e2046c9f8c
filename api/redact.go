package api

import (
	"fmt"
	"log/slog"
	"reflect"
	"strings"
)

// Redacted is what secrets are printed as.
const Redacted = "<redacted>"

// Shapes that hold a password print it as Redacted: with %v, %+v, %s, %#v
// and in slog output. The value is still sent on the wire.

// String prints the input with its password redacted.
func (in CreateUserInput) String() string { return redactedString(in) }

// GoString prints the input with its password redacted.
func (in CreateUserInput) GoString() string { return redactedString(in) }

// LogValue logs the input with its password redacted.
func (in CreateUserInput) LogValue() slog.Value { return redactedLogValue(in) }

// String prints the input with its password redacted.
func (in UpdateUserInput) String() string { return redactedString(in) }

// GoString prints the input with its password redacted.
func (in UpdateUserInput) GoString() string { return redactedString(in) }

// LogValue logs the input with its password redacted.
func (in UpdateUserInput) LogValue() slog.Value { return redactedLogValue(in) }

// String prints the input with user and LDAP passwords redacted.
func (in CreateBrokerInput) String() string { return redactedString(in) }

// GoString prints the input with user and LDAP passwords redacted.
func (in CreateBrokerInput) GoString() string { return redactedString(in) }

// LogValue logs the input with user and LDAP passwords redacted.
func (in CreateBrokerInput) LogValue() slog.Value { return redactedLogValue(in) }

// String prints the input with the LDAP password redacted.
func (in UpdateBrokerInput) String() string { return redactedString(in) }

// GoString prints the input with the LDAP password redacted.
func (in UpdateBrokerInput) GoString() string { return redactedString(in) }

// LogValue logs the input with the LDAP password redacted.
func (in UpdateBrokerInput) LogValue() slog.Value { return redactedLogValue(in) }

// String prints the user with its password redacted.
func (u User) String() string { return redactedString(u) }

// GoString prints the user with its password redacted.
func (u User) GoString() string { return redactedString(u) }

// LogValue logs the user with its password redacted.
func (u User) LogValue() slog.Value { return redactedLogValue(u) }

// String prints the metadata with the service account password redacted.
func (m LdapServerMetadataInput) String() string { return redactedString(m) }

// GoString prints the metadata with the service account password redacted.
func (m LdapServerMetadataInput) GoString() string { return redactedString(m) }

// LogValue logs the metadata with the service account password redacted.
func (m LdapServerMetadataInput) LogValue() slog.Value { return redactedLogValue(m) }

// redactedString prints v like %+v, following pointers, with every secret
// member that is set printed as Redacted.
func redactedString(v any) string {
	var b strings.Builder
	writeRedacted(&b, reflect.ValueOf(v), 0)
	return b.String()
}

func writeRedacted(b *strings.Builder, v reflect.Value, depth int) {
	if depth > 8 {
		b.WriteString("...")
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("<nil>")
			return
		}
		writeRedacted(b, v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type().PkgPath() != reflect.TypeFor[User]().PkgPath() || v.Type() == reflect.TypeFor[Metadata]() {
			fmt.Fprintf(b, "%v", v.Interface())
			return
		}
		p := planFor(v.Type())
		b.WriteByte('{')
		for i, f := range p.fields {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(f.goName)
			b.WriteByte(':')
			fv := v.Field(f.index)
			if f.secret && !fv.IsZero() {
				b.WriteString(Redacted)
				continue
			}
			writeRedacted(b, fv, depth+1)
		}
		b.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeRedacted(b, v.Index(i), depth+1)
		}
		b.WriteByte(']')
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

func redactedLogValue(v any) slog.Value {
	rv := reflect.ValueOf(v)
	p := planFor(rv.Type())
	attrs := make([]slog.Attr, 0, len(p.fields))
	for _, f := range p.fields {
		fv := rv.Field(f.index)
		if fv.IsZero() {
			continue
		}
		if f.secret {
			attrs = append(attrs, slog.String(f.goName, Redacted))
			continue
		}
		attrs = append(attrs, slog.String(f.goName, redactedStringValue(fv)))
	}
	return slog.GroupValue(attrs...)
}

func redactedStringValue(v reflect.Value) string {
	var b strings.Builder
	writeRedacted(&b, v, 1)
	return b.String()
}
