package denial

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mqrest/mqrest/iam"
)

// FuzzParse checks that Parse and Operation never panic, that what Parse
// returns is well formed, and that a message built from random principal,
// action and resource fields, with a reason, partition and wrapper chosen
// by shape, parses back to those fields.
func FuzzParse(f *testing.F) {
	for _, tc := range iamExamples {
		f.Add(tc.in, "arn:aws:iam::123456789012:user/John", "mq:CreateBroker", "arn:aws:mq:us-east-1:123456789012:broker:b:b-1", uint16(0))
	}
	f.Add("", "anonymous", "s3:GetObject", "arn:aws:s3:::bucket/key", uint16(0x80|0x10|3))
	f.Add("", "", "", "", uint16(0xffff))

	f.Fuzz(func(t *testing.T, text, principal, action, resource string, shape uint16) {
		checkWellFormed(t, text)

		in, want, op := buildMessage(principal, action, resource, shape)
		got, ok := Parse(in)
		if !ok {
			t.Fatalf("Parse(%q) ok = false", in)
		}
		if diff := diffDenial(got, want); diff != "" {
			t.Fatalf("Parse(%q) mismatch (-want +got):\n%s", in, diff)
		}
		if g := Operation(in); g != op {
			t.Fatalf("Operation(%q) = %q, want %q", in, g, op)
		}
	})
}

// checkWellFormed parses arbitrary text and checks the invariants of the
// result.
func checkWellFormed(t *testing.T, text string) {
	t.Helper()
	d, ok := Parse(text)
	op := Operation(text)
	if hasSpace(op) {
		t.Errorf("Operation(%q) = %q, has a space", text, op)
	}
	if len(d.Message) > maxInput {
		t.Errorf("Parse(%q): Message is %d bytes, more than %d", text, len(d.Message), maxInput)
	}
	if !ok {
		if d.Action != "" || d.Resource != "" || d.Principal != "" || d.Deny != "" || d.PolicyType != "" ||
			d.PolicyARN != "" || d.Through != "" || d.EncodedMessage != "" {
			t.Errorf("Parse(%q) = %+v, false: fields other than Code and Message set", text, d)
		}
		return
	}
	switch d.Deny {
	case iam.DenyExplicit, iam.DenyImplicit, iam.DenyUnknown:
	default:
		t.Errorf("Parse(%q).Deny = %q", text, d.Deny)
	}
	if d.Through != "" && d.PolicyType == "" {
		t.Errorf("Parse(%q): Through %q without PolicyType", text, d.Through)
	}
	if strings.HasPrefix(strings.TrimSpace(text), "{") {
		return // a decoded authorization message carries free-form JSON strings
	}
	for name, v := range map[string]string{"Action": d.Action, "Principal": d.Principal, "PolicyARN": d.PolicyARN, "EncodedMessage": d.EncodedMessage} {
		if hasSpace(v) {
			t.Errorf("Parse(%q).%s = %q, has a space", text, name, v)
		}
	}
}

// fuzzLayers are the layer names buildMessage writes, with their article and
// normalized form: index 0 means no reason clause, then those of layerForms,
// with "tag policy" as the unknown one.
var fuzzLayers = append(append([]layerForm{{}}, layerForms[:len(layerForms)-1]...), layerForm{"a", "tag policy", "tag policy"})

// fuzzWrappers are the wrappers buildMessage may put around the message;
// XML ones only take printable ASCII (XML cannot carry every rune).
var fuzzWrappers = []string{"bare", "AWS CLI", "Go SDK v2 generic", "Go SDK v2 modeled", "JSON __type and Message", "JSON CloudTrail record", "Go SDK v1", "XML query ErrorResponse"}

// buildMessage writes a denial message from random fields. shape picks:
// bits 0-3 the layer (0 = no reason), bit 4 explicit, bit 5 a transitive
// layer, bit 6 a policy ARN, bit 7 a quoted resource, bits 8-10 the
// partition, bits 11-13 the wrapper, bit 14 a final period, bit 15 the
// "anonymous" principal.
func buildMessage(principal, action, resource string, shape uint16) (in string, want Denial, op string) {
	principal = fuzzField(principal)
	principal = strings.TrimRight(principal, ",;")
	action = trimPunct(fuzzField(action))
	resource = trimPunct(fuzzField(resource))
	if principal == "" || shape&0x8000 != 0 {
		principal = "anonymous"
	} else if strings.EqualFold(principal, "anonymous") {
		principal = "anonymous"
	}
	if action == "" {
		action = "mq:CreateBroker"
	}
	part := partitions[int(shape>>8&7)%len(partitions)]
	policyARN := "arn:" + part + ":organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd"

	want = Denial{Action: action, Principal: principal, Deny: iam.DenyUnknown}
	var b strings.Builder
	b.WriteString("User: " + principal + " is not authorized to perform: " + action)
	if resource != "" {
		if shape&0x80 != 0 {
			b.WriteString(` on resource: "` + resource + `"`)
		} else {
			b.WriteString(" on resource: " + resource)
		}
		want.Resource = resource
	}
	if li := int(shape&0xf) % len(fuzzLayers); li > 0 {
		l := fuzzLayers[li]
		want.PolicyType = l.want
		if shape&0x10 != 0 {
			want.Deny = iam.DenyExplicit
			b.WriteString(" with an explicit deny in " + l.article + " " + l.written)
			if shape&0x20 != 0 {
				b.WriteString(" transitively through a service control policy")
				want.Through = iam.PolicyTypeSCP
			}
			if shape&0x40 != 0 {
				b.WriteString(": " + policyARN)
				want.PolicyARN = policyARN
			}
		} else {
			want.Deny = iam.DenyImplicit
			b.WriteString(" because no " + l.written + " allows the " + action + " action")
		}
	}
	if shape&0x4000 != 0 {
		b.WriteString(".")
	}
	msg := b.String()
	want.Message = msg

	wname := fuzzWrappers[int(shape>>11&7)%len(fuzzWrappers)]
	if strings.HasPrefix(wname, "XML") && !printableASCII(msg) {
		wname = "bare"
	}
	w := wrappers[wname]
	want.Code = w.code
	return w.wrap(msg), want, w.op
}

// fuzzField makes a random string into a token the grammar can carry: valid
// UTF-8 with no spaces, control characters or quotes.
func fuzzField(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '"' || r == '\'' || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
