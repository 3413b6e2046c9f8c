package policy

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/iam"
)

// TestMessageAWSExamples renders the verbatim examples that iam.md §4.1 and
// §4.2 copy from AWS's "Troubleshoot access denied error messages" page and
// the "Enhanced access denied error messages with policy ARNs" blog post.
// Examples that AWS's page elides with "…" are checked from the last "…" on.
func TestMessageAWSExamples(t *testing.T) {
	const (
		john    = "arn:aws:iam::777788889999:user/John"
		elided  = "arn:aws:iam::123456789012:user/Elided"
		depGrp  = "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*"
		secrets = "arn:aws:secretsmanager:us-east-1:123456789012:secret:*"
	)
	tests := map[string]struct {
		principal string
		r         Request
		d         Decision
		want      string
	}{
		"SCP explicit": {
			john, Request{Action: "codecommit:ListRepositories"}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSCP},
			"User: arn:aws:iam::777788889999:user/John is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy",
		},
		"boundary explicit": {
			john, Request{Action: "sagemaker:ListModels", Resource: "*"}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypePermissionsBoundary},
			"User: arn:aws:iam::777788889999:user/John is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary",
		},
		"identity implicit": {
			"arn:aws:iam::123456789012:role/HR", Request{Action: "codecommit:ListRepositories", Resource: "*"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
			"User: arn:aws:iam::123456789012:role/HR is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
		},
		"RCP explicit (a layer Evaluate does not produce)": {
			"arn:aws:iam::123456789012:user/John", Request{Action: "secretsmanager:GetSecretValue", Resource: secrets}, Decision{Deny: iam.DenyExplicit, Layer: "resource control policy"},
			"User: arn:aws:iam::123456789012:user/John is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:* with an explicit deny in a resource control policy",
		},
		"SCP explicit with policy ARN": {
			"arn:aws:iam::123456789012:user/Matt", Request{Action: "iam:ListRoles", Resource: "arn:aws:iam::123456789012:role/*"},
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSCP, PolicyARN: "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd"},
			"User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd",
		},
		"SCP implicit (AWS's ListRespositories typo corrected)": {
			john, Request{Action: "codecommit:ListRepositories"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeSCP, PolicyARN: "arn:aws:organizations::1:policy/o-1/service_control_policy/p-1"},
			strings.Replace("User: arn:aws:iam::777788889999:user/John is not authorized to perform: codecommit:ListRepositories because no service control policy allows the codecommit:ListRespositories action",
				"ListRespositories", "ListRepositories", 1),
		},
		"session explicit (AWS's \"sessions policy\" typo corrected)": {
			elided, Request{Action: "codedeploy:ListDeployments", Resource: depGrp}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSession},
			strings.Replace("… codedeploy:ListDeployments on resource: arn:…:deploymentgroup:* with an explicit deny in a sessions policy",
				"sessions policy", "session policy", 1),
		},
		"VPC endpoint implicit": {
			elided, Request{Action: "codecommit:ListRepositories"}, Decision{Deny: iam.DenyImplicit, Layer: "VPC endpoint policy"},
			"… is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action",
		},
		"VPC endpoint explicit": {
			elided, Request{Action: "codedeploy:ListDeployments", Resource: depGrp}, Decision{Deny: iam.DenyExplicit, Layer: "VPC endpoint policy"},
			"… codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a VPC endpoint policy",
		},
		"boundary implicit": {
			elided, Request{Action: "codedeploy:ListDeployments", Resource: depGrp}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypePermissionsBoundary, PolicyARN: "arn:aws:iam::123456789012:policy/B"},
			"… codedeploy:ListDeployments on resource: arn:…:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action",
		},
		"session implicit": {
			elided, Request{Action: "codecommit:ListRepositories"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeSession},
			"… codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action",
		},
		"identity explicit": {
			elided, Request{Action: "codedeploy:ListDeployments", Resource: depGrp}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased},
			"… codedeploy:ListDeployments on resource: arn:…:deploymentgroup:* with an explicit deny in an identity-based policy",
		},
		"resource-based implicit": {
			elided, Request{Action: "secretsmanager:GetSecretValue"}, Decision{Deny: iam.DenyImplicit, Layer: "resource-based policy"},
			"… secretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action",
		},
		"resource-based explicit": {
			elided, Request{Action: "secretsmanager:GetSecretValue", Resource: secrets}, Decision{Deny: iam.DenyExplicit, Layer: "resource-based policy"},
			"… on resource: arn:aws:secretsmanager:…:secret:* with an explicit deny in a resource-based policy",
		},
		"role trust explicit": {
			elided, Request{Action: "sts:AssumeRole"}, Decision{Deny: iam.DenyExplicit, Layer: "role trust policy"},
			"… sts:AssumeRole with an explicit deny in the role trust policy",
		},
		"role trust implicit": {
			elided, Request{Action: "sts:AssumeRole"}, Decision{Deny: iam.DenyImplicit, Layer: "role trust policy"},
			"… sts:AssumeRole because no role trust policy allows the sts:AssumeRole action",
		},
		"real MQ denial (truncated in the source)": {
			"arn:aws:sts::966509639900:assumed-role/ansible-core-ci-test-prod/prod=remote=zuul-cloud", Request{Action: "mq:ListBrokers", Resource: "*"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
			"User: arn:aws:sts::966509639900:assumed-role/ansible-core-ci-test-prod/prod=remote=zuul-cloud is not au…",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := Message(tt.principal, tt.r, tt.d)
			switch {
			case strings.HasPrefix(tt.want, "…"):
				_, tail, _ := cutLast(tt.want, "…")
				if !strings.HasSuffix(got, tail) {
					t.Errorf("Message =\n%s\nwant it to end with\n%s", got, tail)
				}
			case strings.HasSuffix(tt.want, "…"):
				if head := strings.TrimSuffix(tt.want, "…"); !strings.HasPrefix(got, head) {
					t.Errorf("Message =\n%s\nwant it to start with\n%s", got, head)
				}
			case got != tt.want:
				t.Errorf("Message =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

func TestMessageForms(t *testing.T) {
	const alice = "arn:aws:iam::123456789012:user/alice"
	brokers := Request{Action: "mq:CreateBroker", Resource: "arn:aws:mq:us-east-1:123456789012:broker:*"}
	tests := map[string]struct {
		principal string
		r         Request
		d         Decision
		want      string
	}{
		"brief example": {
			alice, brokers, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:* because no identity-based policy allows the mq:CreateBroker action",
		},
		"implicit SCP: no policy ARN in the text": {
			alice, brokers, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeSCP, PolicyARN: "arn:aws:organizations::1:policy/o-1/service_control_policy/p-1"},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:* because no service control policy allows the mq:CreateBroker action",
		},
		"explicit identity with ARN": {
			alice, brokers, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased, PolicyARN: "arn:aws:iam::123456789012:policy/NoMQ"},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:* with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/NoMQ",
		},
		"explicit boundary with ARN": {
			alice, Request{Action: "mq:CreateBroker", Resource: "*"}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypePermissionsBoundary, PolicyARN: "arn:aws:iam::123456789012:policy/Boundary"},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateBroker with an explicit deny in a permissions boundary: arn:aws:iam::123456789012:policy/Boundary",
		},
		"explicit session": {
			"arn:aws:sts::123456789012:assumed-role/Ops/s1", Request{Action: "mq:RebootBroker", Resource: "arn:aws:mq:us-east-1:123456789012:broker:b:b-1"}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSession},
			"User: arn:aws:sts::123456789012:assumed-role/Ops/s1 is not authorized to perform: mq:RebootBroker on resource: arn:aws:mq:us-east-1:123456789012:broker:b:b-1 with an explicit deny in a session policy",
		},
		"action rendered as sent": {
			alice, Request{Action: "MQ:listBrokers"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: MQ:listBrokers because no identity-based policy allows the MQ:listBrokers action",
		},
		"anonymous": {
			"", Request{Action: "mq:ListBrokers"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
			"User: anonymous is not authorized to perform: mq:ListBrokers because no identity-based policy allows the mq:ListBrokers action",
		},
		"zero decision": {
			alice, Request{Action: "mq:ListBrokers"}, Decision{},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:ListBrokers because no identity-based policy allows the mq:ListBrokers action",
		},
		"allowed": {alice, brokers, Decision{Allowed: true}, ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Message(tt.principal, tt.r, tt.d); got != tt.want {
				t.Errorf("Message =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// denialRE is the parser regex of iam.md §4.3, copied verbatim. Every message
// Message renders must parse with it into the same parts.
var denialRE = regexp.MustCompile(`(?s)User: (?P<principal>\S+) is not authorized to perform: (?P<action>[A-Za-z0-9-]+:[A-Za-z0-9*]+)(?: on resource: "?(?P<resource>[^"\s]+)"?)?(?: (?P<reason>(?:with an explicit deny(?: in (?:a|an|the) (?P<xtype>[a-zA-Z -]+?policy|permissions boundary)(?: transitively through a (?P<ttype>[a-zA-Z -]+?policy))?(?:: (?P<policyArn>arn:\S+))?)?)|(?:because no (?P<itype>[a-zA-Z -]+?policy|permissions boundary) allows the (?P<action2>\S+) action)))?`)

func TestMessageParsesWithIAMRegex(t *testing.T) {
	const principal = "arn:aws:sts::123456789012:assumed-role/Deploy/ci"
	layers := []iam.PolicyType{iam.PolicyTypeSCP, iam.PolicyTypeIdentityBased, iam.PolicyTypePermissionsBoundary, iam.PolicyTypeSession}
	resources := []string{"*", "arn:aws:mq:us-east-1:123456789012:configuration:c-1"}
	for _, layer := range layers {
		for _, kind := range []iam.DenyKind{iam.DenyExplicit, iam.DenyImplicit} {
			for _, res := range resources {
				for _, arn := range []string{"", "arn:aws:iam::123456789012:policy/P"} {
					r := Request{Action: "mq:UpdateConfiguration", Resource: res}
					d := Decision{Deny: kind, Layer: layer, PolicyARN: arn}
					msg := Message(principal, r, d)
					m := denialRE.FindStringSubmatch(msg)
					if m == nil || m[0] != msg {
						t.Errorf("regex does not match all of %q", msg)
						continue
					}
					got := func(name string) string { return m[denialRE.SubexpIndex(name)] }
					wantRes := res
					if res == "*" {
						wantRes = ""
					}
					wantArn, wantX, wantI := "", "", ""
					if kind == iam.DenyExplicit {
						wantArn, wantX = arn, string(layer)
					} else {
						wantI = string(layer)
					}
					if got("principal") != principal || got("action") != r.Action || got("resource") != wantRes ||
						got("xtype") != wantX || got("itype") != wantI || got("policyArn") != wantArn {
						t.Errorf("%q parsed to principal=%q action=%q resource=%q xtype=%q itype=%q policyArn=%q",
							msg, got("principal"), got("action"), got("resource"), got("xtype"), got("itype"), got("policyArn"))
					}
				}
			}
		}
	}
}

func TestEvaluateThenMessage(t *testing.T) {
	const alice = "arn:aws:iam::123456789012:user/alice"
	scp := Policy{
		ARN:      "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-denyeu",
		Document: mustParse(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoEU","Effect":"Deny","Action":"mq:*","Resource":"*","Condition":{"StringLike":{"aws:RequestedRegion":"eu-*"}}}]}`),
	}
	p := &Principal{
		ARN:      alice,
		Identity: []Policy{{ARN: "arn:aws:iam::aws:policy/AmazonMQReadOnlyAccess", Document: stmtDoc(t, iam.Allow, "mq:Describe*", "*")}},
		SCPs:     []Policy{scp},
	}
	tests := map[string]struct {
		r    Request
		want string
	}{
		"read allowed": {Request{Action: "mq:DescribeBroker", Resource: "arn:aws:mq:us-east-1:123456789012:broker:b:b-1", Context: map[string][]string{"aws:RequestedRegion": {"us-east-1"}}}, ""},
		"write denied by identity": {
			Request{Action: "mq:CreateBroker", Resource: "*", Context: map[string][]string{"aws:RequestedRegion": {"us-east-1"}}},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateBroker because no identity-based policy allows the mq:CreateBroker action",
		},
		"EU denied by SCP": {
			Request{Action: "mq:DescribeBroker", Resource: "arn:aws:mq:eu-west-1:123456789012:broker:b:b-1", Context: map[string][]string{"aws:RequestedRegion": {"eu-west-1"}}},
			"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:DescribeBroker on resource: arn:aws:mq:eu-west-1:123456789012:broker:b:b-1 with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-denyeu",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Message(p.ARN, tt.r, Evaluate(p, tt.r)); got != tt.want {
				t.Errorf("Message =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
