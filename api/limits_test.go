package api_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
)

// unbounded lists the string members the overlay leaves without a length
// limit, as the service documents none: the configuration data and the
// service's own page tokens.
var unbounded = map[string]bool{"Data": true, "NextToken": true}

// TestEveryStringIsBounded sets each string member of every input, top
// level and in nested structures and lists, to a value far over any
// documented limit and wants a problem naming that member: no careless
// value travels.
func TestEveryStringIsBounded(t *testing.T) {
	huge := strings.Repeat("a", 1<<20)
	for _, op := range api.Operations {
		in := op.NewInput()
		for _, path := range stringMembers(reflect.TypeOf(in).Elem(), nil) {
			t.Run(op.Name+"/"+strings.Join(path.names, "."), func(t *testing.T) {
				in := op.NewInput()
				path.set(reflect.ValueOf(in).Elem(), huge)
				err := op.Validate(in)
				if unbounded[path.names[len(path.names)-1]] {
					if hasProblemOn(err, path.wire) {
						t.Fatalf("%v, want no problem on %s", err, path.wire)
					}
					return
				}
				if !hasProblemOn(err, path.wire) {
					t.Fatalf("Validate = %v, want a problem on %s", err, path.wire)
				}
				if strings.Contains(err.Error(), strings.Repeat("a", 33)) {
					t.Fatalf("the problem quotes more than 32 characters of the value: %.200s", err.Error())
				}
			})
		}
	}
}

type memberPath struct {
	names []string // Go field names
	wire  string   // the member's name in problems, e.g. "users[0].username"
	index [][]int  // field indexes, a list element at 0 between them
}

// set fills the member at p in v (a struct), creating the structures and
// one-element lists on the way.
func (p memberPath) set(v reflect.Value, s string) {
	for _, idx := range p.index {
		f := v.FieldByIndex(idx)
		switch {
		case f.Kind() == reflect.String:
			f.SetString(s)
			return
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
			f.Index(0).SetString(s)
			return
		case f.Kind() == reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem()))
			v = f.Elem()
		case f.Kind() == reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
			v = f.Index(0)
		}
	}
}

// stringMembers lists the string and []string members of structure t and
// of the structures it holds.
func stringMembers(t reflect.Type, parent *memberPath) []memberPath {
	var out []memberPath
	for _, m := range api.Members(t) {
		f := t.Field(m.Index)
		p := memberPath{wire: m.Wire, names: []string{m.GoName}, index: [][]int{f.Index}}
		if parent != nil {
			p.names = append(append([]string(nil), parent.names...), m.GoName)
			p.index = append(append([][]int(nil), parent.index...), f.Index)
			p.wire = parent.wire + "." + m.Wire
		}
		ft := f.Type
		switch {
		case ft.Kind() == reflect.String:
			out = append(out, p)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			if m.Name != "Groups" { // CheckGroups names the group in its reason
				p.wire += "[0]"
			}
			out = append(out, p)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			out = append(out, stringMembers(ft.Elem(), &p)...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			p.wire += "[0]"
			out = append(out, stringMembers(ft.Elem(), &p)...)
		}
	}
	return out
}

func hasProblemOn(err error, member string) bool {
	var ve *api.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, p := range ve.Problems {
		if p.Member == member {
			return true
		}
	}
	return false
}

func problemsOf(t *testing.T, err error) []api.Problem {
	t.Helper()
	var ve *api.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *api.ValidationError", err)
	}
	return ve.Problems
}

func TestTagLimits(t *testing.T) {
	const arn = "arn:aws:mq:us-east-1:123456789012:broker:b1:b-1234"
	op := api.Lookup("CreateTags")
	long := strings.Repeat("k", 200)
	tags := map[string]string{
		"ok":                         strings.Repeat("é", 256), // 256 characters, 512 bytes
		"value-too-long":             strings.Repeat("v", 257),
		long:                         "",
		"":                           "empty key",
		strings.Repeat("ü", 128):     "128 characters",
		"unicode-value-too-long":     strings.Repeat("é", 257),
		"aws:reserved-is-the-server": "not checked here",
	}
	probs := problemsOf(t, op.Validate(&api.CreateTagsInput{ResourceARN: arn, Tags: tags}))
	want := []string{
		`key "" must be 1-128 characters`,
		`key "` + strings.Repeat("k", 32) + `"... must be 1-128 characters`,
		`value of "unicode-value-too-long" must be at most 256 characters`,
		`value of "value-too-long" must be at most 256 characters`,
	}
	if len(probs) != len(want) {
		t.Fatalf("problems = %+v, want %q", probs, want)
	}
	for i, p := range probs {
		if p.Member != "tags" || p.Reason != want[i] {
			t.Errorf("problem %d = %+v, want tags: %s", i, p, want[i])
		}
	}
	many := map[string]string{}
	for i := range 51 {
		many[strings.Repeat("t", i+1)] = "v"
	}
	probs = problemsOf(t, op.Validate(&api.CreateTagsInput{ResourceARN: arn, Tags: many}))
	if len(probs) != 1 || probs[0].Member != "tags" || probs[0].Reason != "must have at most 50 elements" {
		t.Fatalf("51 tags: %+v", probs)
	}
	delete(many, "t")
	if err := op.Validate(&api.CreateTagsInput{ResourceARN: arn, Tags: many}); err != nil {
		t.Fatalf("50 tags: %v", err)
	}
	probs = problemsOf(t, api.Lookup("DeleteTags").Validate(&api.DeleteTagsInput{ResourceARN: arn, TagKeys: []string{"a", long}}))
	if len(probs) != 1 || probs[0].Member != "tagKeys[1]" || probs[0].Reason != "must be 1-128 characters" {
		t.Fatalf("DeleteTags: %+v", probs)
	}
}

func TestLabelAndARNLimits(t *testing.T) {
	probs := problemsOf(t, api.Lookup("DescribeBroker").Validate(&api.DescribeBrokerInput{BrokerID: strings.Repeat("b", 10<<20)}))
	if len(probs) != 1 || probs[0].Member != "BrokerId" || probs[0].Reason != "must be at most 2048 characters" {
		t.Fatalf("10 MiB broker ID: %+v", probs)
	}
	if err := api.Lookup("DescribeBroker").Validate(&api.DescribeBrokerInput{BrokerID: strings.Repeat("b", 2048)}); err != nil {
		t.Fatalf("2048-character broker ID: %v", err)
	}
	arn := "arn:aws:mq:us-east-1:123456789012:broker:b1:b-" + strings.Repeat("1", 2048)
	probs = problemsOf(t, api.Lookup("ListTags").Validate(&api.ListTagsInput{ResourceARN: arn}))
	if len(probs) != 1 || probs[0].Member != "ResourceArn" || probs[0].Reason != "must be 1-2048 characters" {
		t.Fatalf("long ARN: %+v", probs)
	}
	probs = problemsOf(t, api.Lookup("UpdateBroker").Validate(&api.UpdateBrokerInput{BrokerID: "b-1",
		SecurityGroups: []string{"sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"}}))
	if len(probs) != 1 || probs[0].Member != "securityGroups" || probs[0].Reason != "must have at most 5 elements" {
		t.Fatalf("6 security groups: %+v", probs)
	}
}

// TestLimitsNeverQuoteSecrets: passwords over their limits are reported by
// length only.
func TestLimitsNeverQuoteSecrets(t *testing.T) {
	secret := "S3cr3t-" + strings.Repeat("x", 3000)
	in := &api.UpdateBrokerInput{BrokerID: "b-1", LdapServerMetadata: &api.LdapServerMetadataInput{
		Hosts: []string{"ldap.example.com"}, RoleBase: "ou=roles", RoleSearchMatching: "(member=uid={1})",
		ServiceAccountPassword: secret, ServiceAccountUsername: "svc", UserBase: "ou=users", UserSearchMatching: "(uid={0})"}}
	err := api.Lookup("UpdateBroker").Validate(in)
	if !hasProblemOn(err, "ldapServerMetadata.serviceAccountPassword") || strings.Contains(err.Error(), "S3cr3t") {
		t.Fatalf("LDAP password: %v", err)
	}
	err = api.Lookup("CreateUser").Validate(&api.CreateUserInput{BrokerID: "b-1", Username: "app", Password: secret})
	if !hasProblemOn(err, "password") || strings.Contains(err.Error(), "S3cr3t") {
		t.Fatalf("user password: %v", err)
	}
}

// TestValidLimitsAllocateNothing: checking the limits of a valid input
// allocates nothing (what Validate allocates with one short tag, it allocates
// with more and longer ones).
func TestValidLimitsAllocateNothing(t *testing.T) {
	op := api.Lookup("CreateTags")
	bare := &api.CreateTagsInput{ResourceARN: "arn:aws:mq:us-east-1:123456789012:broker:b1:b-1234", Tags: map[string]string{"a": "b"}}
	tagged := &api.CreateTagsInput{ResourceARN: bare.ResourceARN,
		Tags: map[string]string{"team": "payments", "env": "dev", "owner": strings.Repeat("é", 200)}}
	base := testing.AllocsPerRun(100, func() { _ = op.Validate(bare) })
	if n := testing.AllocsPerRun(100, func() { _ = op.Validate(tagged) }); n != base {
		t.Fatalf("Validate allocates %v times with three tags, %v with one", n, base)
	}
}
