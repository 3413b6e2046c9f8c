package api_test

import (
	"encoding/json/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
)

// fill sets every exported member of the struct v points to, nested ones
// too: strings from their names, true, 7, two list elements, two map keys.
func fill(v reflect.Value, depth int) {
	for i := 0; i < v.NumField(); i++ {
		f, sf := v.Field(i), v.Type().Field(i)
		if !sf.IsExported() || sf.Anonymous {
			continue
		}
		setValue(f, sf.Name, depth)
	}
}

func setValue(f reflect.Value, name string, depth int) {
	switch f.Kind() {
	case reflect.String:
		f.SetString("v-" + name + " \"ü\"")
	case reflect.Int32, reflect.Int64:
		f.SetInt(7)
	case reflect.Pointer:
		p := reflect.New(f.Type().Elem())
		if p.Elem().Kind() == reflect.Bool {
			p.Elem().SetBool(true)
		} else if depth < 4 {
			fill(p.Elem(), depth+1)
		}
		f.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(f.Type(), 2, 2)
		for j := 0; j < 2; j++ {
			setValue(s.Index(j), name, depth+1)
		}
		f.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(f.Type())
		m.SetMapIndex(reflect.ValueOf("k2"), reflect.ValueOf("v2"))
		m.SetMapIndex(reflect.ValueOf("k1"), reflect.ValueOf("v1"))
		f.Set(m)
	case reflect.Struct:
		if f.Type() == reflect.TypeFor[time.Time]() {
			f.Set(reflect.ValueOf(time.Date(2026, 6, 17, 1, 2, 3, 456, time.UTC)))
		} else {
			fill(f, depth+1)
		}
	}
}

// TestEncodeBodyAsJSON checks the generated body encoders against
// encoding/json/v2 (sorted map keys) for a fully set input of every
// operation with a body, for an empty input, and for empty lists and maps.
func TestEncodeBodyAsJSON(t *testing.T) {
	for _, op := range api.Operations {
		if !op.Body {
			continue
		}
		t.Run(op.Name, func(t *testing.T) {
			full := op.NewInput()
			fill(reflect.ValueOf(full).Elem(), 0)
			empty := op.NewInput()
			sparse := op.NewInput() // lists and maps set but empty
			v := reflect.ValueOf(sparse).Elem()
			for i := 0; i < v.NumField(); i++ {
				switch f := v.Field(i); f.Kind() {
				case reflect.Slice:
					f.Set(reflect.MakeSlice(f.Type(), 0, 0))
				case reflect.Map:
					f.Set(reflect.MakeMap(f.Type()))
				}
			}
			for _, in := range []any{full, empty, sparse} {
				// encoding/json renders a shape holding a secret redacted
				// (MarshalJSON): compare the encoding of the redacted copy,
				// and see the secret itself sent below.
				got, err := op.EncodeBody(api.Redact(in))
				if err != nil {
					t.Fatal(err)
				}
				want, err := json.Marshal(in, json.Deterministic(true))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Errorf("EncodeBody\n got %s\nwant %s", got, want)
				}
			}
			if api.Redact(full) != full { // holds a secret: sent as it is
				got, _ := op.EncodeBody(full)
				secret, _ := json.Marshal("v-Password \"ü\"")
				if !strings.Contains(string(got), `"password":`+string(secret)) &&
					!strings.Contains(string(got), `"serviceAccountPassword":`+strings.Replace(string(secret), "Password", "ServiceAccountPassword", 1)) {
					t.Errorf("EncodeBody does not send the secret: %s", got)
				}
			}
		})
	}
}

// TestEncodeBodyInvalidUTF8 checks that a string that is not UTF-8 is an
// error, not a body.
func TestEncodeBodyInvalidUTF8(t *testing.T) {
	in := &api.CreateConfigurationInput{Name: "bad\xff"}
	if _, err := api.ForInput(in).EncodeBody(in); err == nil {
		t.Fatal("want an error for invalid UTF-8")
	}
}
