package policy

import "testing"

func TestMatchAction(t *testing.T) {
	tests := []struct {
		pattern, action string
		want            bool
	}{
		{"*", "mq:CreateBroker", true},
		{"mq:*", "mq:CreateBroker", true},
		{"mq:CreateBroker", "mq:CreateBroker", true},
		{"MQ:createbroker", "mq:CreateBroker", true}, // case-insensitive
		{"mq:createbroker", "MQ:CREATEBROKER", true},
		{"mq:Describe*", "mq:DescribeBroker", true},
		{"mq:Describe*", "mq:Describe", true}, // * matches nothing too
		{"mq:Describe*", "mq:ListBrokers", false},
		{"mq:*Broker", "mq:RebootBroker", true},
		{"mq:*Broker", "mq:RebootBrokers", false},
		{"mq:*Broker*", "mq:DescribeBrokerInstanceOptions", true},
		{"mq:List?sers", "mq:ListUsers", true},
		{"mq:List?sers", "mq:ListUUsers", false},
		{"mq:?", "mq:", false},
		{"*:Describe*", "ec2:DescribeVpcs", true},
		{"mq:CreateBroker", "mq:CreateBrokers", false},
		{"mq:CreateBroker", "ec2:CreateBroker", false},
		{"m*:*", "mq:Promote", true},
		{"mq:**Tags", "mq:CreateTags", true},
		{"mq:*a*b*c", "mq:xaybzc", true},
		{"mq:*a*b*c", "mq:xaybzcd", false},
	}
	for _, tt := range tests {
		if got := matchAction(tt.pattern, tt.action); got != tt.want {
			t.Errorf("matchAction(%q, %q) = %v, want %v", tt.pattern, tt.action, got, tt.want)
		}
	}
}

func TestMatchResource(t *testing.T) {
	const broker = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-6f570b6d-319c-4ce6-abb0-4d2068c57cf9"
	tests := []struct {
		pattern, resource string
		want              bool
	}{
		{"*", broker, true},
		{"*", "*", true},
		{"arn:aws:mq:*", "*", false}, // an ARN pattern never covers an action with no resource type
		{"arn:aws:mq:us-east-1:123456789012:broker:*", broker, true}, // * spans the name:id colon
		{"arn:aws:mq:*:*:broker:orders:*", broker, true},
		{"arn:aws:mq:*:*:broker:Orders:*", broker, false}, // case-sensitive
		{"arn:aws:mq:*:*:configuration:*", broker, false},
		{"arn:aws:mq:us-east-?:123456789012:broker:*", broker, true},
		{"arn:aws:mq:us-east-??:123456789012:broker:*", broker, false},
		{"arn:aws:mq:*", broker, true},
		{broker, broker, true},
		{broker + "x", broker, false},
	}
	for _, tt := range tests {
		got := compile(tt.pattern).match(tt.resource, false)
		if got != tt.want {
			t.Errorf("match(%q, %q) = %v, want %v", tt.pattern, tt.resource, got, tt.want)
		}
	}
}

func TestMatchARN(t *testing.T) {
	tests := []struct {
		pattern, arn string
		want         bool
	}{
		{"arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Admin", true},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/Admin", true},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:user/alice", false},
		{"arn:aws:iam::123456789012:role/admin", "arn:aws:iam::123456789012:role/Admin", false},
		{"arn:aws:mq:*:*:broker:*", "arn:aws:mq:us-east-1:123456789012:broker:b:b-1", true},
		{"arn:*:iam::*:role/x", "arn:aws-cn:iam::1:role/x", true},
		{"arn:aws:*:role/x", "arn:aws:iam::1:role/x", true}, // fewer than six parts: whole-string match
		{"arn:aws:s*::*:*", "arn:aws:iam::1:role/x", false}, // wildcards stay within a component
		{"arn:aws:iam::1:*", "not-an-arn", false},
		{"*", "anything", true},
	}
	for _, tt := range tests {
		if got := matchARN(compile(tt.pattern), tt.arn); got != tt.want {
			t.Errorf("matchARN(%q, %q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
		}
	}
}

func TestExpand(t *testing.T) {
	ctx := contextValues{
		"aws:username":          {"alice"},
		"aws:principaltag/team": {"a*b"},
		"aws:tagkeys":           {"x", "y"},
	}
	tests := []struct {
		in     string
		vars   bool
		match  string
		want   bool
		wantOK bool
	}{
		{"arn:aws:iam::1:user/${aws:username}", true, "arn:aws:iam::1:user/alice", true, true},
		{"arn:aws:iam::1:user/${AWS:UserName}", true, "arn:aws:iam::1:user/alice", true, true}, // key names are case-insensitive
		{"arn:aws:iam::1:user/${aws:username}", false, "arn:aws:iam::1:user/alice", false, true},
		{"arn:aws:iam::1:user/${aws:username}", false, "arn:aws:iam::1:user/${aws:username}", true, true},
		{"team-${aws:PrincipalTag/team}", true, "team-a*b", true, true},
		{"team-${aws:PrincipalTag/team}", true, "team-aXb", false, true}, // a value's * is literal
		{"${aws:userid}", true, "", false, false},
		{"${aws:userid, 'nobody'}", true, "nobody", true, true},
		{"${aws:TagKeys}", true, "x", false, false}, // multivalued keys do not substitute
		{"a${*}b", true, "a*b", true, true},
		{"a${*}b", true, "axb", false, true},
		{"a${?}${$}", true, "a?$", true, true},
		{"a*${$}", true, "axyz$", true, true},
		{"${notakey}", true, "${notakey}", true, true},
		{"${unclosed", true, "${unclosed", true, true},
	}
	for _, tt := range tests {
		p, ok := expand(tt.in, tt.vars, ctx)
		if ok != tt.wantOK {
			t.Errorf("expand(%q, %v) ok = %v, want %v", tt.in, tt.vars, ok, tt.wantOK)
			continue
		}
		if ok && p.match(tt.match, false) != tt.want {
			t.Errorf("expand(%q, %v) = %q; match(%q) = %v, want %v", tt.in, tt.vars, p, tt.match, !tt.want, tt.want)
		}
	}
}
