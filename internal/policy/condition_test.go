package policy

import (
	"fmt"
	"testing"

	"github.com/mqrest/mqrest/iam"
)

func TestConditionOperators(t *testing.T) {
	type ctx = map[string][]string
	tests := []struct {
		op     string
		key    string
		values []string
		ctx    ctx
		want   bool
	}{
		// String operators, case-sensitive values, case-insensitive keys.
		{"StringEquals", "aws:RequestTag/env", []string{"prod"}, ctx{"aws:RequestTag/env": {"prod"}}, true},
		{"StringEquals", "aws:RequestTag/env", []string{"prod"}, ctx{"AWS:REQUESTTAG/ENV": {"prod"}}, true},
		{"StringEquals", "aws:requesttag/ENV", []string{"prod"}, ctx{"aws:RequestTag/env": {"prod"}}, true},
		{"StringEquals", "aws:RequestTag/env", []string{"prod"}, ctx{"aws:RequestTag/env": {"Prod"}}, false},
		{"StringEquals", "aws:RequestTag/env", []string{"dev", "prod"}, ctx{"aws:RequestTag/env": {"prod"}}, true}, // values ORed
		{"StringEquals", "aws:RequestTag/env", []string{"prod"}, ctx{}, false},
		{"StringEquals", "aws:RequestTag/env", []string{"prod"}, ctx{"aws:RequestTag/env": {}}, false}, // no values = absent
		{"StringEquals", "aws:RequestTag/env", []string{"pro*"}, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringNotEquals", "aws:RequestTag/env", []string{"prod"}, ctx{"aws:RequestTag/env": {"dev"}}, true},
		{"StringNotEquals", "aws:RequestTag/env", []string{"dev", "prod"}, ctx{"aws:RequestTag/env": {"prod"}}, false}, // must match none
		{"StringNotEquals", "aws:RequestTag/env", []string{"prod"}, ctx{}, true},                                       // missing key: negated holds
		{"StringEqualsIgnoreCase", "aws:RequestTag/env", []string{"PROD"}, ctx{"aws:RequestTag/env": {"prod"}}, true},
		{"StringEqualsIgnoreCase", "aws:RequestTag/env", []string{"PROD"}, ctx{}, false},
		{"StringNotEqualsIgnoreCase", "aws:RequestTag/env", []string{"PROD"}, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringNotEqualsIgnoreCase", "aws:RequestTag/env", []string{"PROD"}, ctx{"aws:RequestTag/env": {"dev"}}, true},
		{"StringLike", "aws:RequestTag/env", []string{"pr?d*"}, ctx{"aws:RequestTag/env": {"prod-eu"}}, true},
		{"StringLike", "aws:RequestTag/env", []string{"Pr*"}, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringLike", "aws:RequestTag/env", []string{"*"}, ctx{}, false},
		{"StringNotLike", "aws:RequestTag/env", []string{"dev*", "test*"}, ctx{"aws:RequestTag/env": {"prod"}}, true},
		{"StringNotLike", "aws:RequestTag/env", []string{"dev*", "test*"}, ctx{"aws:RequestTag/env": {"test-1"}}, false},
		{"StringNotLike", "aws:RequestTag/env", []string{"dev*"}, ctx{}, true},
		// Multivalued context key without a set prefix: any value.
		{"StringEquals", "aws:TagKeys", []string{"env"}, ctx{"aws:TagKeys": {"team", "env"}}, true},
		{"StringNotEquals", "aws:TagKeys", []string{"env"}, ctx{"aws:TagKeys": {"team", "env"}}, false},

		// ForAnyValue / ForAllValues.
		{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"env", "team"}, ctx{"aws:TagKeys": {"cost", "env"}}, true},
		{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"env", "team"}, ctx{"aws:TagKeys": {"cost"}}, false},
		{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"env"}, ctx{}, false},
		{"ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"env"}, ctx{"aws:TagKeys": {"env", "cost"}}, true},
		{"ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"env"}, ctx{"aws:TagKeys": {"env"}}, false},
		{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env", "team"}, ctx{"aws:TagKeys": {"team", "env"}}, true},
		{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env", "team"}, ctx{"aws:TagKeys": {"env", "cost"}}, false},
		{"ForAllValues:StringEquals", "aws:TagKeys", []string{"env"}, ctx{}, true}, // missing key: ForAllValues holds
		{"ForAllValues:StringLike", "aws:TagKeys", []string{"app-*"}, ctx{"aws:TagKeys": {"app-a", "app-b"}}, true},
		{"ForAllValues:StringNotEquals", "aws:TagKeys", []string{"owner"}, ctx{"aws:TagKeys": {"env", "team"}}, true},
		{"ForAllValues:StringNotEquals", "aws:TagKeys", []string{"owner"}, ctx{"aws:TagKeys": {"env", "owner"}}, false},

		// IfExists.
		{"StringEqualsIfExists", "aws:RequestTag/env", []string{"prod"}, ctx{}, true},
		{"StringEqualsIfExists", "aws:RequestTag/env", []string{"prod"}, ctx{"aws:RequestTag/env": {"dev"}}, false},
		{"StringEqualsIfExists", "aws:RequestTag/env", []string{"prod"}, ctx{"aws:RequestTag/env": {"prod"}}, true},
		{"StringNotLikeIfExists", "aws:RequestTag/env", []string{"dev*"}, ctx{"aws:RequestTag/env": {"dev1"}}, false},
		{"ForAnyValue:StringLikeIfExists", "aws:TagKeys", []string{"a*"}, ctx{}, true},
		{"ArnLikeIfExists", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/x"}, ctx{}, true},
		{"BoolIfExists", "aws:SecureTransport", []string{"true"}, ctx{}, true},

		// Bool.
		{"Bool", "aws:SecureTransport", []string{"true"}, ctx{"aws:SecureTransport": {"true"}}, true},
		{"Bool", "aws:SecureTransport", []string{"true"}, ctx{"aws:SecureTransport": {"TRUE"}}, true},
		{"Bool", "aws:SecureTransport", []string{"false"}, ctx{"aws:SecureTransport": {"true"}}, false},
		{"Bool", "aws:SecureTransport", []string{"false"}, ctx{}, false},
		{"Bool", "aws:SecureTransport", []string{"yes"}, ctx{"aws:SecureTransport": {"yes"}}, false},

		// Null.
		{"Null", "aws:RequestTag/env", []string{"true"}, ctx{}, true},
		{"Null", "aws:RequestTag/env", []string{"true"}, ctx{"aws:RequestTag/env": {"x"}}, false},
		{"Null", "aws:RequestTag/env", []string{"false"}, ctx{"aws:RequestTag/env": {"x"}}, true},
		{"Null", "aws:RequestTag/env", []string{"false"}, ctx{}, false},
		{"Null", "aws:RequestTag/env", []string{"TRUE"}, ctx{"aws:RequestTag/env": {}}, true},

		// ARN operators: ArnEquals and ArnLike both take wildcards per component.
		{"ArnEquals", "aws:PrincipalArn", []string{"arn:aws:iam::123456789012:user/alice"}, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/alice"}}, true},
		{"ArnEquals", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/*"}, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/alice"}}, true},
		{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/*"}, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/alice"}}, false},
		{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:sts::*:assumed-role/Deploy/*"}, ctx{"aws:PrincipalArn": {"arn:aws:sts::123456789012:assumed-role/Deploy/s1"}}, true},
		{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/*"}, ctx{}, false},
		{"ArnNotEquals", "aws:PrincipalArn", []string{"arn:aws:iam::123456789012:user/alice"}, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/bob"}}, true},
		{"ArnNotLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/*"}, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/bob"}}, false},
		{"ArnNotLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/*"}, ctx{}, true},

		// Numeric, Date, IP and Binary operators.
		{"NumericLessThan", "aws:MultiFactorAuthAge", []string{"3600"}, ctx{"aws:MultiFactorAuthAge": {"120"}}, true},
		{"NumericLessThan", "aws:MultiFactorAuthAge", []string{"3600"}, ctx{"aws:MultiFactorAuthAge": {"3600"}}, false},
		{"NumericLessThanEquals", "aws:MultiFactorAuthAge", []string{"3600"}, ctx{"aws:MultiFactorAuthAge": {"3600"}}, true},
		{"NumericGreaterThan", "aws:MultiFactorAuthAge", []string{"3600"}, ctx{"aws:MultiFactorAuthAge": {"3601.5"}}, true},
		{"NumericGreaterThanEquals", "aws:MultiFactorAuthAge", []string{"3600"}, ctx{"aws:MultiFactorAuthAge": {"10"}}, false},
		{"NumericEquals", "aws:MultiFactorAuthAge", []string{"10"}, ctx{"aws:MultiFactorAuthAge": {"10.0"}}, true},
		{"NumericNotEquals", "aws:MultiFactorAuthAge", []string{"10"}, ctx{"aws:MultiFactorAuthAge": {"11"}}, true},
		{"NumericEquals", "aws:MultiFactorAuthAge", []string{"10"}, ctx{"aws:MultiFactorAuthAge": {"ten"}}, false},
		{"DateLessThan", "aws:CurrentTime", []string{"2026-01-01T00:00:00Z"}, ctx{"aws:CurrentTime": {"2025-12-31T23:59:59Z"}}, true},
		{"DateGreaterThan", "aws:CurrentTime", []string{"2026-01-01"}, ctx{"aws:CurrentTime": {"2025-12-31T23:59:59Z"}}, false},
		{"DateEquals", "aws:EpochTime", []string{"2026-01-01T00:00:00Z"}, ctx{"aws:EpochTime": {"1767225600"}}, true},
		{"DateNotEquals", "aws:CurrentTime", []string{"2026-01-01T00:00:00Z"}, ctx{"aws:CurrentTime": {"2026-01-01T01:00:00+01:00"}}, false},
		{"DateLessThanEquals", "aws:CurrentTime", []string{"2026-01-01T00:00:00Z"}, ctx{"aws:CurrentTime": {"2026-01-01T00:00:00Z"}}, true},
		{"DateGreaterThanEquals", "aws:CurrentTime", []string{"2026-01-01T00:00:00Z"}, ctx{"aws:CurrentTime": {"2025-01-01T00:00:00Z"}}, false},
		{"IpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, ctx{"aws:SourceIp": {"203.0.113.7"}}, true},
		{"IpAddress", "aws:SourceIp", []string{"203.0.113.0/24", "2001:db8::/32"}, ctx{"aws:SourceIp": {"2001:db8::1"}}, true},
		{"IpAddress", "aws:SourceIp", []string{"203.0.113.7"}, ctx{"aws:SourceIp": {"203.0.113.7"}}, true},
		{"IpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, ctx{"aws:SourceIp": {"198.51.100.1"}}, false},
		{"NotIpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, ctx{"aws:SourceIp": {"198.51.100.1"}}, true},
		{"BinaryEquals", "aws:Key", []string{"QmluYXJ5"}, ctx{"aws:Key": {"QmluYXJ5"}}, true},
		{"BinaryEquals", "aws:Key", []string{"QmluYXJ5"}, ctx{"aws:Key": {"QmluYXJ6"}}, false},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s %s %q ctx=%v", tt.op, tt.key, tt.values, tt.ctx)
		t.Run(name, func(t *testing.T) {
			c := iam.Condition{Operator: tt.op, Key: tt.key, Values: tt.values}
			doc := iam.Document{Statement: []iam.Statement{{Effect: iam.Allow, Action: []string{"*"}, Resource: []string{"*"}, Condition: iam.Conditions{c}}}}
			if err := doc.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			r := newEvalRequest(Request{Action: "mq:CreateBroker", Context: tt.ctx})
			if got := holds(&c, r.ctx, true); got != tt.want {
				t.Errorf("holds = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConditionBlock(t *testing.T) {
	// Keys of one operator and operators of one block are ANDed.
	const doc = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:CreateBroker","Resource":"*","Condition":{
		"StringEquals":{"aws:RequestTag/env":"prod","aws:RequestedRegion":["us-east-1","eu-west-1"]},
		"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]},
		"Bool":{"aws:SecureTransport":true}}}}`
	good := map[string][]string{
		"aws:RequestTag/env":  {"prod"},
		"aws:RequestedRegion": {"eu-west-1"},
		"aws:TagKeys":         {"env"},
		"aws:SecureTransport": {"true"},
	}
	tests := map[string]struct {
		change func(map[string][]string)
		want   bool
	}{
		"all hold":             {func(map[string][]string) {}, true},
		"second key fails":     {func(c map[string][]string) { c["aws:RequestedRegion"] = []string{"ap-south-1"} }, false},
		"set operator fails":   {func(c map[string][]string) { c["aws:TagKeys"] = []string{"env", "owner"} }, false},
		"third operator fails": {func(c map[string][]string) { delete(c, "aws:SecureTransport") }, false},
	}
	d, err := iam.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			ctx := map[string][]string{}
			for k, v := range good {
				ctx[k] = v
			}
			tt.change(ctx)
			got := Evaluate(&Principal{Identity: []Policy{{Document: d}}}, Request{Action: "mq:CreateBroker", Resource: "*", Context: ctx})
			if got.Allowed != tt.want {
				t.Errorf("Allowed = %v, want %v (%+v)", got.Allowed, tt.want, got)
			}
		})
	}
}

func TestConditionVariables(t *testing.T) {
	// ABAC: the resource's team tag must equal the caller's team tag.
	const abac = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:RebootBroker","Resource":"*",
		"Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}}`
	d, err := iam.Parse([]byte(abac))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		ctx  map[string][]string
		want bool
	}{
		"same team":        {map[string][]string{"aws:ResourceTag/team": {"red"}, "aws:PrincipalTag/team": {"red"}}, true},
		"other team":       {map[string][]string{"aws:ResourceTag/team": {"red"}, "aws:PrincipalTag/team": {"blue"}}, false},
		"caller untagged":  {map[string][]string{"aws:ResourceTag/team": {"red"}}, false},
		"resource literal": {map[string][]string{"aws:ResourceTag/team": {"${aws:PrincipalTag/team}"}}, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := Evaluate(&Principal{Identity: []Policy{{Document: d}}}, Request{Action: "mq:RebootBroker", Resource: "*", Context: tt.ctx})
			if got.Allowed != tt.want {
				t.Errorf("Allowed = %v, want %v", got.Allowed, tt.want)
			}
		})
	}
}
