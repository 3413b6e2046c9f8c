package policy

import (
	"testing"

	"github.com/mqrest/mqrest/iam"
)

func mustParse(t testing.TB, s string) *iam.Document {
	t.Helper()
	d, err := iam.Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse(%s): %v", s, err)
	}
	return d
}

func stmtDoc(t testing.TB, effect iam.Effect, action, resource string) *iam.Document {
	t.Helper()
	return mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"`+string(effect)+`","Action":"`+action+`","Resource":"`+resource+`"}}`)
}

func TestEvaluateLayers(t *testing.T) {
	const (
		idARN  = "arn:aws:iam::123456789012:policy/MQAdmin"
		id2ARN = "arn:aws:iam::123456789012:policy/NoDelete"
		bARN   = "arn:aws:iam::123456789012:policy/Boundary"
		sARN   = "arn:aws:iam::123456789012:policy/Session"
		scp1   = "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-FullAWSAccess"
		scp2   = "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd"
	)
	allowMQ := stmtDoc(t, iam.Allow, "mq:*", "*")
	allowAll := stmtDoc(t, iam.Allow, "*", "*")
	allowEC2 := stmtDoc(t, iam.Allow, "ec2:*", "*")
	allowDescribe := stmtDoc(t, iam.Allow, "mq:Describe*", "*")
	denyDelete := stmtDoc(t, iam.Deny, "mq:DeleteBroker", "*")

	create := Request{Action: "mq:CreateBroker", Resource: "*"}
	del := Request{Action: "mq:DeleteBroker", Resource: "arn:aws:mq:us-east-1:123456789012:broker:b1:b-1"}

	tests := map[string]struct {
		p    *Principal
		r    Request
		want Decision
	}{
		"identity allow only": {
			&Principal{Identity: []Policy{{ARN: idARN, Document: allowMQ}}}, create, Decision{Allowed: true},
		},
		"action compared case-insensitively": {
			&Principal{Identity: []Policy{{Document: allowMQ}}}, Request{Action: "MQ:createBROKER"}, Decision{Allowed: true},
		},
		"nil principal": {
			nil, create, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"no identity policies": {
			&Principal{}, create, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"identity policy with nil document": {
			&Principal{Identity: []Policy{{ARN: idARN}}}, create, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"implicit deny by identity: no ARN even with one policy": {
			&Principal{Identity: []Policy{{ARN: idARN, Document: allowDescribe}}}, create, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"any identity policy may allow": {
			&Principal{Identity: []Policy{{Document: allowDescribe}, {Document: allowEC2}, {Document: allowMQ}}}, create, Decision{Allowed: true},
		},
		"explicit deny in identity with ARN": {
			&Principal{Identity: []Policy{{ARN: idARN, Document: allowMQ}, {ARN: id2ARN, Document: denyDelete}}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased, PolicyARN: id2ARN},
		},
		"explicit deny in identity without ARN": {
			&Principal{Identity: []Policy{{Document: allowMQ}, {Document: denyDelete}}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"explicit deny in boundary": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Boundary: &Policy{ARN: bARN, Document: denyDelete}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypePermissionsBoundary, PolicyARN: bARN},
		},
		"explicit deny in boundary without ARN": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Boundary: &Policy{Document: denyDelete}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypePermissionsBoundary},
		},
		"explicit deny in session": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Session: &Policy{ARN: sARN, Document: denyDelete}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSession, PolicyARN: sARN},
		},
		"explicit deny in second SCP": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, SCPs: []Policy{{ARN: scp1, Document: allowAll}, {ARN: scp2, Document: denyDelete}}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSCP, PolicyARN: scp2},
		},
		"explicit deny in SCP without ARN": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, SCPs: []Policy{{Document: denyDelete}}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSCP},
		},
		"implicit deny by SCP": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, SCPs: []Policy{{ARN: scp1, Document: allowAll}, {ARN: scp2, Document: allowEC2}}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeSCP, PolicyARN: scp2},
		},
		"implicit deny by boundary": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Boundary: &Policy{ARN: bARN, Document: allowDescribe}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypePermissionsBoundary, PolicyARN: bARN},
		},
		"implicit deny by session": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Boundary: &Policy{Document: allowAll}, Session: &Policy{ARN: sARN, Document: allowDescribe}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeSession, PolicyARN: sARN},
		},
		"every layer allows": {
			&Principal{
				Identity: []Policy{{Document: allowMQ}},
				Boundary: &Policy{Document: allowMQ},
				Session:  &Policy{Document: allowAll},
				SCPs:     []Policy{{Document: allowAll}, {Document: allowMQ}},
			}, create, Decision{Allowed: true},
		},
		"SCP and boundary do not grant": {
			&Principal{Boundary: &Policy{Document: allowAll}, SCPs: []Policy{{Document: allowAll}}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"order: explicit deny beats an earlier implicit deny": {
			&Principal{Identity: []Policy{{ARN: id2ARN, Document: denyDelete}}, SCPs: []Policy{{ARN: scp1, Document: allowEC2}}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased, PolicyARN: id2ARN},
		},
		"order: SCP deny reported before identity deny": {
			&Principal{Identity: []Policy{{ARN: id2ARN, Document: denyDelete}}, SCPs: []Policy{{ARN: scp2, Document: denyDelete}}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeSCP, PolicyARN: scp2},
		},
		"order: identity deny reported before boundary and session denies": {
			&Principal{Identity: []Policy{{ARN: id2ARN, Document: denyDelete}}, Boundary: &Policy{ARN: bARN, Document: denyDelete}, Session: &Policy{ARN: sARN, Document: denyDelete}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased, PolicyARN: id2ARN},
		},
		"order: boundary deny reported before session deny": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Boundary: &Policy{ARN: bARN, Document: denyDelete}, Session: &Policy{ARN: sARN, Document: denyDelete}}, del,
			Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypePermissionsBoundary, PolicyARN: bARN},
		},
		"order: SCP missing allow reported before identity": {
			&Principal{Boundary: &Policy{ARN: bARN, Document: allowEC2}, SCPs: []Policy{{ARN: scp1, Document: allowEC2}}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeSCP, PolicyARN: scp1},
		},
		"order: identity missing allow reported before boundary": {
			&Principal{Identity: []Policy{{Document: allowEC2}}, Boundary: &Policy{ARN: bARN, Document: allowEC2}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"order: boundary missing allow reported before session": {
			&Principal{Identity: []Policy{{Document: allowMQ}}, Boundary: &Policy{ARN: bARN, Document: allowEC2}, Session: &Policy{ARN: sARN, Document: allowEC2}}, create,
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypePermissionsBoundary, PolicyARN: bARN},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Evaluate(tt.p, tt.r); got != tt.want {
				t.Errorf("Evaluate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEvaluateNotActionNotResource(t *testing.T) {
	const (
		dev  = "arn:aws:mq:us-east-1:123456789012:broker:dev-orders:b-1"
		prod = "arn:aws:mq:us-east-1:123456789012:broker:prod-orders:b-2"
	)
	tests := map[string]struct {
		policy string
		r      Request
		want   Decision
	}{
		"Allow NotAction covers other actions": {
			`{"Statement":{"Effect":"Allow","NotAction":"mq:Delete*","Resource":"*"}}`,
			Request{Action: "mq:CreateBroker", Resource: "*"}, Decision{Allowed: true},
		},
		"Allow NotAction excludes matched actions": {
			`{"Statement":{"Effect":"Allow","NotAction":["mq:Delete*"],"Resource":"*"}}`,
			Request{Action: "mq:deletebroker", Resource: dev}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"Deny NotAction denies everything else": {
			`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*"}]}`,
			Request{Action: "mq:ListBrokers", Resource: "*"}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"Deny NotAction spares the listed actions": {
			`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*"}]}`,
			Request{Action: "sts:GetCallerIdentity", Resource: "*"}, Decision{Allowed: true},
		},
		"Deny NotResource hits other resources": {
			`{"Statement":[{"Effect":"Allow","Action":"mq:*","Resource":"*"},{"Effect":"Deny","Action":"mq:RebootBroker","NotResource":"arn:aws:mq:*:*:broker:dev-*"}]}`,
			Request{Action: "mq:RebootBroker", Resource: prod}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"Deny NotResource spares the listed resources": {
			`{"Statement":[{"Effect":"Allow","Action":"mq:*","Resource":"*"},{"Effect":"Deny","Action":"mq:RebootBroker","NotResource":"arn:aws:mq:*:*:broker:dev-*"}]}`,
			Request{Action: "mq:RebootBroker", Resource: dev}, Decision{Allowed: true},
		},
		"Allow NotResource covers resource *": {
			`{"Statement":{"Effect":"Allow","Action":"mq:*","NotResource":"arn:aws:mq:*:*:configuration:*"}}`,
			Request{Action: "mq:ListBrokers", Resource: "*"}, Decision{Allowed: true},
		},
		"ARN resource does not cover an action with no resource type": {
			`{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"arn:aws:mq:*:*:broker:*"}}`,
			Request{Action: "mq:CreateBroker"}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"resources are case-sensitive": {
			`{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"arn:aws:mq:*:*:broker:DEV-*"}}`,
			Request{Action: "mq:RebootBroker", Resource: dev}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"resource variable": {
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:*","Resource":"arn:aws:mq:*:*:broker:${aws:username}-*"}}`,
			Request{Action: "mq:RebootBroker", Resource: dev, Context: map[string][]string{"aws:username": {"dev"}}}, Decision{Allowed: true},
		},
		"resource variable not resolved in 2008-10-17": {
			`{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"mq:*","Resource":"arn:aws:mq:*:*:broker:${aws:username}-*"}}`,
			Request{Action: "mq:RebootBroker", Resource: dev, Context: map[string][]string{"aws:username": {"dev"}}}, Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"Deny with unmet condition does not apply": {
			`{"Statement":[{"Effect":"Allow","Action":"mq:*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
			Request{Action: "mq:ListBrokers", Context: map[string][]string{"aws:SecureTransport": {"true"}}}, Decision{Allowed: true},
		},
		"Deny with met condition applies": {
			`{"Statement":[{"Effect":"Allow","Action":"mq:*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
			Request{Action: "mq:ListBrokers", Context: map[string][]string{"aws:SecureTransport": {"false"}}}, Decision{Deny: iam.DenyExplicit, Layer: iam.PolicyTypeIdentityBased},
		},
		"PassRole only to mq": {
			`{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/mq-*","Condition":{"StringEquals":{"iam:PassedToService":"mq.amazonaws.com"}}}}`,
			Request{Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/mq-ldap", Context: map[string][]string{"iam:PassedToService": {"ec2.amazonaws.com"}}},
			Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeIdentityBased},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			p := &Principal{Identity: []Policy{{Document: mustParse(t, tt.policy)}}}
			if got := Evaluate(p, tt.r); got != tt.want {
				t.Errorf("Evaluate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEvaluatePrincipalArnKey(t *testing.T) {
	doc := mustParse(t, `{"Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/ops-*"}}}}`)
	r := Request{Action: "mq:ListBrokers"}
	tests := map[string]struct {
		arn  string
		ctx  map[string][]string
		want bool
	}{
		"from Principal.ARN":   {"arn:aws:iam::123456789012:user/ops-alice", nil, true},
		"other principal":      {"arn:aws:iam::123456789012:user/alice", nil, false},
		"context wins":         {"arn:aws:iam::123456789012:user/ops-alice", map[string][]string{"AWS:PrincipalARN": {"arn:aws:iam::1:user/bob"}}, false},
		"no ARN, no key":       {"", nil, false},
		"context only, no ARN": {"", map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::1:user/ops-x"}}, true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			r := r
			r.Context = tt.ctx
			p := &Principal{ARN: tt.arn, Identity: []Policy{{Document: doc}}}
			if got := Evaluate(p, r).Allowed; got != tt.want {
				t.Errorf("Allowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEvaluateConcurrent(t *testing.T) {
	p := &Principal{
		Identity: []Policy{{Document: mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:*","Resource":"*",
			"Condition":{"ForAllValues:StringLike":{"aws:TagKeys":"app-*"}}}}`)}},
	}
	r := Request{Action: "mq:CreateBroker", Context: map[string][]string{"aws:TagKeys": {"app-a"}}}
	done := make(chan bool)
	for range 8 {
		go func() {
			for range 100 {
				if !Evaluate(p, r).Allowed {
					done <- false
					return
				}
			}
			done <- true
		}()
	}
	for range 8 {
		if !<-done {
			t.Fatal("Evaluate denied a request it allows")
		}
	}
}
