package iam_test

import (
	"testing"

	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/internal/policy"
)

// FuzzParse checks that every document Parse accepts marshals back to
// JSON that parses to the same document, and that the evaluator takes it.
func FuzzParse(f *testing.F) {
	seeds := []string{
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*"}}`,
		`{"Statement":[{"Sid":"A","Effect":"Deny","NotAction":["mq:Describe*"],"NotResource":"arn:aws:mq:*:*:broker:*",` +
			`"Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*",1,true]},"Null":{"aws:RequestTag/env":"false"}}}]}`,
		`{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"mq:*","Resource":"arn:aws:mq:${aws:username}:*"}}`,
		`{"Statement":[]}`,
		`[1,2,3]`,
		`{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*"}}}`,
		``,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := iam.Parse(data)
		if err != nil {
			return
		}
		iam.AssertRoundTrip(t, doc)
		policy.Evaluate(&policy.Principal{Identity: []policy.Policy{{Document: doc}}}, policy.Request{Action: "mq:CreateBroker", Resource: "*"})
	})
}
