package client_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// TestInferenceFromTheRequest: when the denial names no action, the
// candidates come from the operation table and the request's content, and
// the resource ARN from what the request knows.
func TestInferenceFromTheRequest(t *testing.T) {
	broker := &api.CreateBrokerInput{BrokerName: "b", DeploymentMode: api.DeploymentModeSingleInstance,
		EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: aws.Bool(false)}
	tagged := *broker
	tagged.Tags = map[string]string{"env": "prod"}
	tests := map[string]struct {
		op         string
		in         any
		candidates []string // prefix of Candidates
		grants     []string // actions the fix allows
		resource   string
	}{
		"CreateBroker with tags": {"CreateBroker", &tagged, []string{"mq:CreateBroker", "mq:CreateTags"},
			[]string{"mq:CreateBroker", "mq:CreateTags"}, "*"},
		"CreateBroker without tags": {"CreateBroker", broker, []string{"mq:CreateBroker", "iam:CreateServiceLinkedRole"},
			[]string{"mq:CreateBroker"}, "*"},
		"UpdateBroker changing authentication": {"UpdateBroker",
			&api.UpdateBrokerInput{BrokerID: "b-1234", AuthenticationStrategy: api.AuthenticationStrategyLdap},
			[]string{"mq:UpdateBroker", "mq:UpdateBrokerAccessConfiguration"},
			[]string{"mq:UpdateBroker", "mq:UpdateBrokerAccessConfiguration"},
			"arn:aws:mq:eu-west-1:123456789012:broker:*:b-1234"},
		"UpdateBroker of instance type": {"UpdateBroker", &api.UpdateBrokerInput{BrokerID: "b-1234", HostInstanceType: "mq.m5.large"},
			[]string{"mq:UpdateBroker", "iam:PassRole"}, []string{"mq:UpdateBroker"},
			"arn:aws:mq:eu-west-1:123456789012:broker:*:b-1234"},
		"DescribeConfiguration": {"DescribeConfiguration", &api.DescribeConfigurationInput{ConfigurationID: "c-9"},
			[]string{"mq:DescribeConfiguration"}, []string{"mq:DescribeConfiguration"},
			"arn:aws:mq:eu-west-1:123456789012:configuration:c-9"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := newFake(t, []client.Option{client.WithMaxAttempts(1), client.WithRegion("eu-west-1"), client.WithAccountID("123456789012")},
				reply(403, map[string]string{"X-Amzn-ErrorType": "ForbiddenException"}, `{"message":"Forbidden"}`))
			_, err := invoke(t.Context(), c, tc.op, tc.in)
			var ad *client.AccessDeniedError
			if !errors.As(err, &ad) {
				t.Fatalf("got %v", err)
			}
			if !ad.Inferred || ad.Action != tc.candidates[0] || len(ad.Candidates) < len(tc.candidates) ||
				!slices.Equal(ad.Candidates[:len(tc.candidates)], tc.candidates) {
				t.Errorf("action %s, candidates %v", ad.Action, ad.Candidates)
			}
			if ad.Resource != tc.resource {
				t.Errorf("resource %s, want %s", ad.Resource, tc.resource)
			}
			var granted []string
			for _, s := range ad.Fix().Policy.Statement {
				granted = append(granted, s.Action...)
			}
			for _, g := range tc.grants {
				if !slices.Contains(granted, g) {
					t.Errorf("fix does not allow %s: %v", g, granted)
				}
			}
			if slices.Contains(granted, "iam:PassRole") {
				t.Errorf("fix allows iam:PassRole without evidence: %v", granted)
			}
		})
	}
}

func TestParseAccessDenied(t *testing.T) {
	tests := map[string]struct {
		text, op           string
		action, deny, kind string
		candidates         int
	}{
		"CLI line with SCP ARN": {"An error occurred (AccessDeniedException) when calling the CreateBroker operation: User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: mq:CreateBroker with an explicit deny in a service control policy: arn:aws:organizations::111122223333:policy/o-1/service_control_policy/p-1",
			"", "mq:CreateBroker", "explicit", "change-layer", 1},
		"Go SDK line": {"operation error mq: DescribeBroker, https response error StatusCode: 403, RequestID: r, api error AccessDeniedException: User: arn:aws:iam::123456789012:user/a is not authorized to perform: mq:DescribeBroker on resource: arn:aws:mq:eu-west-1:123456789012:broker:b:b-1 because no identity-based policy allows the mq:DescribeBroker action",
			"", "mq:DescribeBroker", "implicit", "allow", 1},
		"bare Forbidden with operation": {`{"message":"Forbidden"}`, "UpdateBroker", "mq:UpdateBroker", "unknown", "allow", 3},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ad, ok := client.ParseAccessDenied(tc.text, tc.op)
			if !ok || ad.Action != tc.action || string(ad.Deny) != tc.deny || string(ad.Fix().Kind) != tc.kind || len(ad.Candidates) != tc.candidates {
				t.Errorf("got %v %+v (fix %+v)", ok, ad, ad.Fix())
			}
		})
	}
	if _, ok := client.ParseAccessDenied("The security token included in the request is invalid.", ""); ok {
		t.Error("an authentication failure is not a denial")
	}
}
