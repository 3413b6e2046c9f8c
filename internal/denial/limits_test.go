package denial

import (
	"fmt"
	"strings"
	"testing"
)

// adversarial returns inputs of about n bytes built to make a careless
// parser backtrack, rescan or recurse.
func adversarial(n int) map[string]string {
	// fill returns prefix + unit repeated + suffix, n bytes in all.
	fill := func(prefix, unit, suffix string) string {
		m := max(n-len(prefix)-len(suffix), 0)
		return prefix + strings.Repeat(unit, m/len(unit)+1)[:m] + suffix
	}
	rep := func(unit string) string { return fill("", unit, "") }
	keys := func() string {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, `"k%d":"v",`, i)
		}
		b.WriteString(`"message":"Access Denied"}`)
		return b.String()[:min(b.Len(), n)]
	}
	return map[string]string{
		"User: repeated":            rep("User: "),
		"perform: repeated":         rep(" is not authorized to perform: "),
		"words then perform":        fill("", "a ", " is not authorized to perform: mq:X"),
		"perform then spaces":       fill("User: x is not authorized to perform: ", " ", ""),
		"open quotes":               fill("User: x is not authorized to perform: a on resource: ", `"`, ""),
		"on resource repeated":      rep(" on resource: "),
		"because no repeated":       rep("because no "),
		"allows the repeated":       fill("x because no ", "a allows the ", ""),
		"explicit deny repeated":    rep("with an explicit deny in a "),
		"transitively repeated":     fill("x with an explicit deny in a service control policy", " transitively through a session policy", ""),
		"policy words":              fill("x with an explicit deny in a ", "word ", ""),
		"CLI repeated":              rep("An error occurred ("),
		"SDK repeated":              rep("operation error mq: X, "),
		"api error repeated":        fill("operation error mq: X, ", "api error ", ""),
		"https fields repeated":     fill("operation error mq: X, https response error ", "StatusCode: 1,", ""),
		"code prefix chain":         rep("AException: "),
		"action-shaped tokens":      fill("… ", "a:b1 ", " because no x"),
		"colons":                    rep(":"),
		"encoded blob":              fill("You are not authorized to perform this operation. Encoded authorization failure message: ", "A", ""),
		"java suffix repeated":      rep(" (Service: x; Error Code: y)"),
		"sdk v1 suffix repeated":    rep("\n\tstatus code: 403"),
		"JSON many keys":            keys(),
		"JSON deep":                 rep("{\"Error\":"),
		"JSON deep arrays":          rep("["),
		"JSON DecodedMessage chain": rep(`{"DecodedMessage":"`),
		"XML deep":                  rep("<Error>"),
		"XML many Code":             fill("<E>", "<Code>a</Code>", ""),
		"invalid UTF-8":             rep("\xff\xfe User: \xc0 is not authorized to perform: \xe2\x82"),
		"access to the resource":    rep("access to the resource "),
	}
}

// TestParseLinearTime runs Parse on adversarial inputs of the full 64 KiB
// it looks at. A quadratic step would take seconds there; a linear one
// takes well under a millisecond.
// TestParseAdversarialInputs runs every hostile 64 KiB input through Parse
// and Operation: they must return, without panicking, results within the
// input cap. That the time is linear in the input is shown by
// BenchmarkParseAdversarial (8 KiB against 64 KiB), not by a timed test.
func TestParseAdversarialInputs(t *testing.T) {
	t.Parallel()
	for name, in := range adversarial(maxInput) {
		t.Run(name, func(t *testing.T) {
			d, _ := Parse(in)
			_ = Operation(in)
			if len(d.Message) > maxInput || len(d.Resource) > maxInput {
				t.Errorf("result exceeds the input cap: message %d bytes", len(d.Message))
			}
		})
	}
}

// BenchmarkParseAdversarial parses each hostile input at 8 KiB and 64 KiB;
// linear time means the 64 KiB case costs about 8 times the 8 KiB one.
func BenchmarkParseAdversarial(b *testing.B) {
	for _, size := range []int{8 << 10, maxInput} {
		for name, in := range adversarial(size) {
			b.Run(fmt.Sprintf("%s/%dKiB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					Parse(in)
				}
			})
		}
	}
}

func TestParseCapsInput(t *testing.T) {
	t.Parallel()
	msg := "User: arn:aws:iam::123456789012:user/x is not authorized to perform: mq:ListBrokers"

	// A denial that starts inside the first 64 KiB is parsed...
	in := msg + " " + strings.Repeat("x", 4*maxInput)
	d, ok := Parse(in)
	if !ok || d.Action != "mq:ListBrokers" || len(d.Message) > maxInput {
		t.Errorf("Parse(long) = %v, %v (Message %d bytes), want mq:ListBrokers and Message <= %d bytes", d.Action, ok, len(d.Message), maxInput)
	}
	// ...and one that starts after it is not seen.
	in = strings.Repeat("x", maxInput) + " " + msg
	if d, ok := Parse(in); ok {
		t.Errorf("Parse(denial after 64 KiB) = %+v, true; want false", d)
	}
}

func BenchmarkParse(b *testing.B) {
	inputs := map[string]string{
		"new form":     iamExamples["4.2 SCP with policy ARN"].in,
		"legacy":       iamExamples["4.1 legacy MQ troubleshooting"].in,
		"CLI":          iamExamples["4.3 CLI prefix (constructed)"].in,
		"SDK":          wrappers["Go SDK v2 generic"].wrap(iamExamples["4.1 transitive"].in),
		"JSON":         wrappers["JSON __type and Message"].wrap(iamExamples["4.1 identity implicit"].in),
		"XML":          wrappers["XML query ErrorResponse"].wrap(iamExamples["4.1 RCP explicit"].in),
		"decoded":      decodedExample,
		"not a denial": "Can't find requested broker [b-x].",
	}
	for name, in := range adversarial(maxInput) {
		inputs["64KiB "+name] = in
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(in)
			}
		})
	}
}
