package main

import (
	"strings"
	"unicode"
)

// initialisms are the model's words that Go spells in capitals.
var initialisms = map[string]string{
	"Id": "ID", "Ids": "IDs", "Arn": "ARN", "Arns": "ARNs", "Ip": "IP",
	"Kms": "KMS", "Dns": "DNS", "Url": "URL",
}

// goName is the Go name of a model name: BrokerId → BrokerID,
// SubnetIds → SubnetIDs, KmsKeyId → KMSKeyID.
func goName(name string) string {
	var b strings.Builder
	for _, w := range words(name) {
		if up, ok := initialisms[w]; ok {
			w = up
		}
		b.WriteString(w)
	}
	return b.String()
}

// words splits a PascalCase name at each upper-case letter that follows a
// lower-case one or starts a capitalized word after an acronym.
func words(name string) []string {
	var out []string
	rs := []rune(name)
	start := 0
	for i := 1; i < len(rs); i++ {
		lowerBefore := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
		acronymEnd := unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if unicode.IsUpper(rs[i]) && (lowerBefore || acronymEnd) {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	return append(out, string(rs[start:]))
}

// goTypeName is the Go name of a structure or enum: the input and output
// of an operation are XxxInput and XxxOutput, as in the official SDK.
func goTypeName(s *Shape) string {
	switch {
	case s.Input != nil:
		return s.Input.Name + "Input"
	case s.Output != nil:
		return s.Output.Name + "Output"
	}
	return goName(s.Name)
}

// enumConstName is the Go suffix of an enum value: ACTIVE_STANDBY_MULTI_AZ
// → ActiveStandbyMultiAz, as the official SDK spells it.
func enumConstName(v string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' }) {
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(strings.ToLower(w[1:]))
	}
	return b.String()
}

// lowerFirst is name with its first letter in lower case.
func lowerFirst(name string) string {
	if name == "" {
		return name
	}
	return strings.ToLower(name[:1]) + name[1:]
}

// kebab is the AWS CLI's spelling of a name: DescribeBroker →
// describe-broker, BrokerId → broker-id.
func kebab(name string) string {
	return strings.ToLower(strings.Join(words(name), "-"))
}
