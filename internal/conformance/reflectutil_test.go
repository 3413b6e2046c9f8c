package conformance

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

var fixedTime = time.Date(2024, 1, 2, 3, 4, 5, 678_000_000, time.UTC)

// fill sets every member of the struct v points to a deterministic, valid
// value, so that a request or response exercises every member.
func fill(v reflect.Value, name string, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.Type().Elem() == reflect.TypeFor[bool]() {
			b := len(name)%2 == 0
			v.Set(reflect.ValueOf(&b))
			return
		}
		if depth > 4 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), name, depth+1)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(fixedTime))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			fill(v.Field(i), f.Name, depth)
		}
	case reflect.String:
		v.SetString(stringFor(v, name))
	case reflect.Int32:
		v.SetInt(5)
	case reflect.Slice:
		n := 2
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			fill(s.Index(i), name+fmt.Sprint(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("k1"), reflect.ValueOf("v 1"))
		m.SetMapIndex(reflect.ValueOf("k/2"), reflect.ValueOf("v=2"))
		v.Set(m)
	}
}

func stringFor(v reflect.Value, name string) string {
	if vs := v.MethodByName("Values"); vs.IsValid() {
		out := vs.Call(nil)[0]
		if out.Len() > 0 {
			return out.Index(out.Len() - 1).String()
		}
	}
	ln := strings.ToLower(name)
	switch {
	case strings.Contains(ln, "password"):
		return "correct-horse-battery"
	case ln == "username" || strings.HasPrefix(ln, "groups"):
		return "user.name~" + fmt.Sprint(len(name))
	case ln == "resourcearn":
		return "arn:aws:mq:us-east-1:123456789012:broker:my-b:b-1"
	case ln == "brokername":
		return "my_broker-1"
	case ln == "name":
		return "config.name-1"
	case ln == "brokerid":
		return "b-1 x/y"
	case ln == "configurationrevision":
		return "3"
	case ln == "creatorrequestid":
		return "5838f0f3-5a1b-4a44-abc1-92671336e878"
	}
	return "s " + name + "/+="
}

// normalize turns any value (an mqrest or an SDK shape) into plain maps,
// slices and scalars keyed by lower-cased member name, so the two can be
// compared: pointers are followed, enums become strings, unset members
// are dropped, and metadata is ignored.
func normalize(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return normalize(v.Elem())
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			if t.IsZero() {
				return nil
			}
			return t.UTC().Format(time.RFC3339Nano)
		}
		m := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Anonymous || f.Name == "ResultMetadata" {
				continue
			}
			if x := normalize(v.Field(i)); x != nil {
				m[strings.ToLower(f.Name)] = x
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = normalize(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := map[string]any{}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			out[k.String()] = normalize(v.MapIndex(k))
		}
		return out
	case reflect.String:
		if v.Len() == 0 {
			return nil
		}
		return v.String()
	case reflect.Int32, reflect.Int64, reflect.Int:
		if v.Int() == 0 {
			return nil
		}
		return v.Int()
	case reflect.Bool:
		return v.Bool()
	}
	return fmt.Sprintf("unsupported %s", v.Kind())
}

// convert copies the mqrest value src into the SDK value dst, member by
// member, matching names case-insensitively (BrokerID ~ BrokerId). A
// member of newerThanSDK must be unset (see withoutNewer).
func convert(src, dst reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		convert(src.Elem(), dst)
		return
	}
	if dst.Kind() == reflect.Pointer {
		if isEmpty(src) {
			return
		}
		dst.Set(reflect.New(dst.Type().Elem()))
		convert(src, dst.Elem())
		return
	}
	switch src.Kind() {
	case reflect.Struct:
		if src.Type() == reflect.TypeFor[time.Time]() {
			dst.Set(src)
			return
		}
		byName := map[string]reflect.Value{}
		for i := 0; i < dst.NumField(); i++ {
			if dst.Type().Field(i).IsExported() {
				byName[strings.ToLower(dst.Type().Field(i).Name)] = dst.Field(i)
			}
		}
		for i := 0; i < src.NumField(); i++ {
			f := src.Type().Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			d, ok := byName[strings.ToLower(f.Name)]
			if !ok && src.Field(i).IsZero() && slices.Contains(newerThanSDK, src.Type().Name()+"."+f.Name) {
				continue // newer than the SDK and unset: nothing to send
			}
			if !ok {
				panic("SDK type " + dst.Type().String() + " has no member " + f.Name)
			}
			convert(src.Field(i), d)
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(dst.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			convert(src.Index(i), s.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.ValueOf(src.Interface()))
	case reflect.String:
		dst.SetString(src.String())
	case reflect.Int32:
		dst.SetInt(src.Int())
	case reflect.Bool:
		dst.SetBool(src.Bool())
	default:
		panic("unsupported kind " + src.Kind().String())
	}
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return v.Len() == 0
	case reflect.Int32:
		return v.Int() == 0
	case reflect.Struct:
		return v.IsZero()
	}
	return false
}
