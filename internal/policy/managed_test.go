package policy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mqrest/mqrest/iam"
)

// managedRecord is the part of an iam-dataset record (testdata/managed) the
// tests use.
type managedRecord struct {
	ARN              string          `json:"arn"`
	Document         json.RawMessage `json:"document"`
	EffectiveActions []struct {
		Action          string `json:"action"`
		EffectiveAction string `json:"effective_action"`
	} `json:"effective_actions"`
}

func loadManaged(t *testing.T) map[string]managedRecord {
	t.Helper()
	files, err := filepath.Glob("testdata/managed/*.json")
	if err != nil || len(files) != 5 {
		t.Fatalf("testdata/managed: %d files, err %v", len(files), err)
	}
	recs := map[string]managedRecord{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rec managedRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		recs[filepath.Base(f)] = rec
	}
	return recs
}

func TestManagedPoliciesParse(t *testing.T) {
	for name, rec := range loadManaged(t) {
		t.Run(name, func(t *testing.T) {
			doc, err := iam.Parse(rec.Document)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if doc.Version != iam.CurrentVersion || len(doc.Statement) == 0 {
				t.Errorf("got Version %q and %d statements", doc.Version, len(doc.Statement))
			}
			// It marshals to JSON that parses back to the same document.
			if data, err := json.Marshal(doc); err != nil {
				t.Errorf("Marshal: %v", err)
			} else if again, err := iam.Parse(data); err != nil || !reflect.DeepEqual(doc, again) {
				t.Errorf("round trip changed the document (%v):\n%s", err, data)
			}
			// iam-dataset's expansion of each Action pattern must agree with
			// the wildcard matcher.
			if len(rec.EffectiveActions) == 0 {
				t.Fatal("no effective_actions")
			}
			for _, ea := range rec.EffectiveActions {
				if !matchAction(ea.Action, ea.EffectiveAction) {
					t.Errorf("matchAction(%q, %q) = false", ea.Action, ea.EffectiveAction)
				}
			}
		})
	}
}

func TestManagedPoliciesEvaluate(t *testing.T) {
	recs := loadManaged(t)
	principal := func(file string) *Principal {
		rec := recs[file]
		doc, err := iam.Parse(rec.Document)
		if err != nil {
			t.Fatal(err)
		}
		return &Principal{ARN: "arn:aws:iam::123456789012:user/alice", Identity: []Policy{{ARN: rec.ARN, Document: doc}}}
	}
	const broker = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-6f570b6d-319c-4ce6-abb0-4d2068c57cf9"
	slr := map[string][]string{"iam:AWSServiceName": {"mq.amazonaws.com"}}
	tests := []struct {
		file string
		r    Request
		want bool
	}{
		{"AmazonMQFullAccess.json", Request{Action: "mq:CreateBroker", Resource: "*"}, true},
		{"AmazonMQFullAccess.json", Request{Action: "mq:CreateReplicaBroker", Resource: broker}, true},
		{"AmazonMQFullAccess.json", Request{Action: "ec2:CreateSecurityGroup", Resource: "*"}, true},
		{"AmazonMQFullAccess.json", Request{Action: "iam:CreateServiceLinkedRole", Resource: "*", Context: slr}, true},
		{"AmazonMQFullAccess.json", Request{Action: "iam:CreateServiceLinkedRole", Resource: "*"}, false},
		{"AmazonMQFullAccess.json", Request{Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/mq"}, false},
		{"AmazonMQFullAccess.json", Request{Action: "logs:CreateLogGroup", Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/amazonmq/broker/b-1/general"}, true},
		{"AmazonMQFullAccess.json", Request{Action: "logs:CreateLogGroup", Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/other"}, false},
		{"AmazonMQApiFullAccess.json", Request{Action: "mq:DeleteBroker", Resource: broker}, true},
		{"AmazonMQApiFullAccess.json", Request{Action: "ec2:CreateSecurityGroup", Resource: "*"}, false},
		{"AmazonMQReadOnlyAccess.json", Request{Action: "mq:DescribeBroker", Resource: broker}, true},
		{"AmazonMQReadOnlyAccess.json", Request{Action: "mq:ListBrokers", Resource: "*"}, true},
		{"AmazonMQReadOnlyAccess.json", Request{Action: "mq:CreateBroker", Resource: "*"}, false},
		{"AmazonMQApiReadOnlyAccess.json", Request{Action: "mq:UpdateBroker", Resource: broker}, false},
		{"AmazonMQServiceRolePolicy.json", Request{Action: "ec2:CreateVpcEndpoint", Resource: "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1",
			Context: map[string][]string{"aws:RequestTag/AMQManaged": {"true"}}}, true},
		{"AmazonMQServiceRolePolicy.json", Request{Action: "ec2:CreateVpcEndpoint", Resource: "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1"}, false},
		{"AmazonMQServiceRolePolicy.json", Request{Action: "ec2:DeleteVpcEndpoints", Resource: "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1",
			Context: map[string][]string{"ec2:ResourceTag/AMQManaged": {"true"}}}, true},
		{"AmazonMQServiceRolePolicy.json", Request{Action: "mq:CreateBroker", Resource: "*"}, false},
	}
	for _, tt := range tests {
		got := Evaluate(principal(tt.file), tt.r)
		if got.Allowed != tt.want {
			t.Errorf("%s: Evaluate(%s on %s) = %+v, want Allowed=%v", tt.file, tt.r.Action, tt.r.Resource, got, tt.want)
		}
	}
}
