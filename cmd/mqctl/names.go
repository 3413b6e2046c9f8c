package main

import (
	"strings"
	"unicode"

	"github.com/mqrest/mqrest/api"
)

// commandName returns the AWS CLI name of an operation or member:
// "DescribeBrokerEngineTypes" → "describe-broker-engine-types",
// "KMSKeyId" → "kms-key-id". It follows botocore's xform_name.
func commandName(pascal string) string {
	r := []rune(pascal)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) {
			prev := r[i-1]
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// operationName accepts an operation as its API name ("CreateBroker") or its
// command name ("create-broker") and returns the API name, or "" when no
// operation has that name.
func operationName(s string) string {
	for _, op := range api.Operations {
		if op.Name == s || commandName(op.Name) == s || strings.EqualFold(op.Name, s) {
			return op.Name
		}
	}
	return ""
}
