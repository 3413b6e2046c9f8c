package iam

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	tests := map[string]struct {
		in   string
		want Document
	}{
		"statement object, scalar action and resource": {
			in: `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*"}}`,
			want: Document{Version: CurrentVersion, single: true, Statement: []Statement{
				{Effect: Allow, Action: []string{"mq:*"}, Resource: []string{"*"}, scalarAction: true, scalarResource: true},
			}},
		},
		"statement array, arrays, Id and Sid": {
			in: `{"Version":"2012-10-17","Id":"p1","Statement":[{"Sid":"A","Effect":"Deny","Action":["mq:DeleteBroker","mq:RebootBroker"],"Resource":["arn:aws:mq:*:*:broker:*"]}]}`,
			want: Document{Version: CurrentVersion, ID: "p1", Statement: []Statement{
				{Sid: "A", Effect: Deny, Action: []string{"mq:DeleteBroker", "mq:RebootBroker"}, Resource: []string{"arn:aws:mq:*:*:broker:*"}},
			}},
		},
		"NotAction and NotResource": {
			in: `{"Statement":[{"Effect":"Deny","NotAction":"mq:Describe*","NotResource":["arn:aws:mq:us-east-1:123456789012:broker:*"]}]}`,
			want: Document{Statement: []Statement{
				{Effect: Deny, NotAction: []string{"mq:Describe*"}, NotResource: []string{"arn:aws:mq:us-east-1:123456789012:broker:*"}, scalarAction: true},
			}},
		},
		"Principal kept compact but ignored": {
			in: `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal": { "AWS" : "*" },"Action":"mq:ListBrokers","Resource":"*"}]}`,
			want: Document{Version: LegacyVersion, Statement: []Statement{
				{Effect: Allow, principal: json.RawMessage(`{"AWS":"*"}`), Action: []string{"mq:ListBrokers"}, Resource: []string{"*"}, scalarAction: true, scalarResource: true},
			}},
		},
		"conditions in document order, bools and numbers as text": {
			in: `{"Statement":[{"Effect":"Allow","Action":"mq:CreateBroker","Resource":"*","Condition":{
				"StringEquals":{"aws:RequestTag/env":["prod","dev"],"aws:RequestedRegion":"us-east-1"},
				"Bool":{"aws:SecureTransport":true},
				"NumericLessThan":{"aws:MultiFactorAuthAge":[3600]}}}]}`,
			want: Document{Statement: []Statement{
				{Effect: Allow, Action: []string{"mq:CreateBroker"}, Resource: []string{"*"}, scalarAction: true, scalarResource: true,
					Condition: Conditions{
						{Operator: "StringEquals", Key: "aws:RequestTag/env", Values: []string{"prod", "dev"}},
						{Operator: "StringEquals", Key: "aws:RequestedRegion", Values: []string{"us-east-1"}, scalar: true},
						{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}, scalar: true},
						{Operator: "NumericLessThan", Key: "aws:MultiFactorAuthAge", Values: []string{"3600"}},
					}},
			}},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Parse =\n%#v\nwant\n%#v", *got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const stmt = `"Effect":"Allow","Action":"mq:ListBrokers","Resource":"*"`
	tests := map[string]struct {
		in   string
		want string // substring of the error
	}{
		"not JSON":                {`{"Statement":`, "unexpected end of JSON input"},
		"not an object":           {`[]`, "must be a JSON object"},
		"trailing data":           {`{"Statement":{` + stmt + `}} {}`, "unexpected data after the JSON object"},
		"missing Statement":       {`{"Version":"2012-10-17"}`, "missing Statement"},
		"empty Statement":         {`{"Statement":[]}`, "at least one statement"},
		"Statement not object":    {`{"Statement":"x"}`, "Statement must be an object or an array"},
		"unknown element":         {`{"Statment":[]}`, `unknown element "Statment"`},
		"lower-case element":      {`{"statement":{` + stmt + `}}`, `unknown element "statement"`},
		"duplicate element":       {`{"Statement":{` + stmt + `},"Statement":{` + stmt + `}}`, `duplicate element "Statement"`},
		"bad Version":             {`{"Version":"2012-10-18","Statement":{` + stmt + `}}`, `Version "2012-10-18" is not`},
		"Version not string":      {`{"Version":2012,"Statement":{` + stmt + `}}`, "Version: must be a string"},
		"bad Effect":              {`{"Statement":[{"Sid":"S","Effect":"allow","Action":"mq:*","Resource":"*"}]}`, `Statement[0] (Sid "S"): Effect must be "Allow" or "Deny", not "allow"`},
		"missing Effect":          {`{"Statement":[{"Action":"mq:*","Resource":"*"}]}`, `Effect must be "Allow" or "Deny", not ""`},
		"missing Action":          {`{"Statement":[{` + stmt + `},{"Effect":"Allow","Resource":"*"}]}`, "Statement[1]: missing Action or NotAction"},
		"Action and NotAction":    {`{"Statement":{"Effect":"Allow","Action":"mq:*","NotAction":"mq:Delete*","Resource":"*"}}`, "both Action and NotAction"},
		"missing Resource":        {`{"Statement":{"Effect":"Allow","Action":"mq:*"}}`, "missing Resource or NotResource"},
		"Resource and NotRes":     {`{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*","NotResource":"*"}}`, "both Resource and NotResource"},
		"empty Action array":      {`{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}`, "Action: must not be an empty array"},
		"Action not strings":      {`{"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}`, "Action: must be a string or an array of strings"},
		"Action null":             {`{"Statement":{"Effect":"Allow","Action":null,"Resource":"*"}}`, "Action: must be a string or an array of strings"},
		"action without service":  {`{"Statement":{"Effect":"Allow","Action":"CreateBroker","Resource":"*"}}`, `action "CreateBroker" must be "*" or be prefaced by a service`},
		"resource not ARN":        {`{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"broker/b-1"}}`, `resource "broker/b-1" must be in ARN format or "*"`},
		"unknown statement elem":  {`{"Statement":{` + stmt + `,"Actions":"mq:*"}}`, "Actions: unknown element"},
		"duplicate Sid":           {`{"Statement":[{"Sid":"A",` + stmt + `},{"Sid":"A",` + stmt + `}]}`, `Statement[1] (Sid "A"): duplicate Sid`},
		"unknown operator":        {`{"Statement":{` + stmt + `,"Condition":{"StringEqual":{"aws:TagKeys":"a"}}}}`, `unknown condition operator "StringEqual"`},
		"unknown set prefix":      {`{"Statement":{` + stmt + `,"Condition":{"ForSomeValues:StringLike":{"aws:TagKeys":"a"}}}}`, `unknown condition operator "ForSomeValues:StringLike"`},
		"NullIfExists":            {`{"Statement":{` + stmt + `,"Condition":{"NullIfExists":{"aws:TagKeys":"true"}}}}`, "Null takes neither"},
		"condition not object":    {`{"Statement":{` + stmt + `,"Condition":["x"]}}`, "Condition: must be a JSON object"},
		"operator with no keys":   {`{"Statement":{` + stmt + `,"Condition":{"StringEquals":{}}}}`, "StringEquals: no condition keys"},
		"condition key no prefix": {`{"Statement":{` + stmt + `,"Condition":{"StringEquals":{"env":"prod"}}}}`, `key "env" must be prefaced by a service`},
		"condition value object":  {`{"Statement":{` + stmt + `,"Condition":{"StringEquals":{"aws:TagKeys":{"a":1}}}}}`, "values must be strings, booleans or numbers"},
		"condition value null":    {`{"Statement":{` + stmt + `,"Condition":{"StringEquals":{"aws:TagKeys":[null]}}}}`, "values must be strings, booleans or numbers"},
		"condition no values":     {`{"Statement":{` + stmt + `,"Condition":{"StringEquals":{"aws:TagKeys":[]}}}}`, "aws:TagKeys: no values"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("Parse succeeded: %#v", doc)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %q, want it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "policy: ") {
				t.Errorf("Parse error = %q, want prefix %q", err, "policy: ")
			}
		})
	}
}

func TestMarshalJSON(t *testing.T) {
	tests := map[string]struct {
		in, want string
	}{
		"forms kept, canonical order": {
			in:   `{"Statement":{"Resource":"*","Action":"mq:*","Effect":"Allow"},"Version":"2012-10-17"}`,
			want: `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*"}}`,
		},
		"everything": {
			in: `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"S1","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:root"]},
				"NotAction":["mq:Describe*","mq:List*"],"NotResource":"arn:aws:mq:*:*:configuration:*",
				"Condition":{"Bool":{"aws:SecureTransport":false},"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"],"aws:RequestTag/env":"prod"}}}]}`,
			want: `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"S1","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:root"]},` +
				`"NotAction":["mq:Describe*","mq:List*"],"NotResource":"arn:aws:mq:*:*:configuration:*",` +
				`"Condition":{"Bool":{"aws:SecureTransport":"false"},"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"],"aws:RequestTag/env":"prod"}}}]}`,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := json.Marshal(doc)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal =\n%s\nwant\n%s", got, tt.want)
			}
			assertRoundTrip(t, doc)
		})
	}
}

func TestMarshalJSONHandBuilt(t *testing.T) {
	doc := Document{Version: CurrentVersion, Statement: []Statement{{
		Effect: Allow, Action: []string{"mq:CreateBroker"}, Resource: []string{"*"},
		Condition: Conditions{{Operator: "StringEquals", Key: "aws:RequestTag/env", Values: []string{"prod"}}},
	}}}
	if err := doc.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	got, err := json.Marshal(doc) // by value
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["mq:CreateBroker"],"Resource":["*"],"Condition":{"StringEquals":{"aws:RequestTag/env":["prod"]}}}]}`
	if string(got) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
	stmt, err := json.Marshal(doc.Statement[0])
	if err != nil {
		t.Fatal(err)
	}
	if wantStmt := want[len(`{"Version":"2012-10-17","Statement":[`) : len(want)-2]; string(stmt) != wantStmt {
		t.Errorf("Marshal(statement) =\n%s\nwant\n%s", stmt, wantStmt)
	}
}

func TestUnmarshalJSONEmbedded(t *testing.T) {
	var v struct {
		Policy *Document `json:"policy"`
	}
	if err := json.Unmarshal([]byte(`{"policy":{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*"}}}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.Policy == nil || len(v.Policy.Statement) != 1 {
		t.Fatalf("got %#v", v.Policy)
	}
	err := json.Unmarshal([]byte(`{"policy":{"Statement":{"Effect":"Maybe","Action":"mq:*","Resource":"*"}}}`), &v)
	if err == nil || !strings.Contains(err.Error(), "Effect must be") {
		t.Errorf("Unmarshal of a bad policy: err = %v", err)
	}
}

// assertRoundTrip checks that doc marshals to JSON that parses back to doc.
func assertRoundTrip(t *testing.T, doc *Document) {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal(doc)) = %v\n%s", err, data)
	}
	if !reflect.DeepEqual(doc, again) {
		t.Fatalf("round trip changed the document:\n%#v\n%#v", doc, again)
	}
}
