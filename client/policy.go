package client

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/mqrest/mqrest/iam"
)

// PolicyDocument is an IAM policy document, ready to attach: what Fix and
// ActionRecorder write. It is [iam.Document]; its String method renders it
// as indented JSON.
type PolicyDocument = iam.Document

// Statement is one IAM policy statement of a PolicyDocument. It is
// [iam.Statement].
type Statement = iam.Statement

// policyBuilder collects (action, resource, condition) grants and merges
// them into as few statements as keep each grant exact.
type policyBuilder struct {
	grants map[string]map[string]bool // condition key -> action -> resources ("action\x00resource")
	conds  map[string]map[string]map[string]string
}

func newPolicyBuilder() *policyBuilder {
	return &policyBuilder{grants: map[string]map[string]bool{}, conds: map[string]map[string]map[string]string{}}
}

func condKey(c map[string]map[string]string) string {
	if len(c) == 0 {
		return ""
	}
	b, _ := json.Marshal(c)
	return string(b)
}

func (b *policyBuilder) allow(action, resource string, cond map[string]map[string]string) {
	k := condKey(cond)
	if b.grants[k] == nil {
		b.grants[k] = map[string]bool{}
		b.conds[k] = cond
	}
	b.grants[k][action+"\x00"+resource] = true
}

// document groups grants with the same condition and the same resource
// set into one statement each, in a stable order.
func (b *policyBuilder) document() *PolicyDocument {
	doc := &PolicyDocument{Version: iam.CurrentVersion, Statement: []Statement{}}
	keys := make([]string, 0, len(b.grants))
	for k := range b.grants {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		byAction := map[string][]string{}
		for g := range b.grants[k] {
			action, res, _ := strings.Cut(g, "\x00")
			byAction[action] = append(byAction[action], res)
		}
		byResources := map[string][]string{}
		var order []string
		for action, res := range byAction {
			slices.Sort(res)
			if slices.Contains(res, "*") {
				res = []string{"*"}
			}
			rk := strings.Join(res, "\x00")
			if byResources[rk] == nil {
				order = append(order, rk)
			}
			byResources[rk] = append(byResources[rk], action)
		}
		slices.Sort(order)
		for _, rk := range order {
			actions := byResources[rk]
			slices.Sort(actions)
			doc.Statement = append(doc.Statement, Statement{Effect: iam.Allow, Action: actions,
				Resource: strings.Split(rk, "\x00"), Condition: conditions(b.conds[k])})
		}
	}
	return doc
}

// conditions turns {"Operator": {"Key": "value"}} into the statement's
// conditions, operators and keys sorted, each value written as a string.
func conditions(c map[string]map[string]string) iam.Conditions {
	var cs iam.Conditions
	for _, op := range slices.Sorted(maps.Keys(c)) {
		for _, key := range slices.Sorted(maps.Keys(c[op])) {
			cs = append(cs, iam.NewCondition(op, key, c[op][key]))
		}
	}
	return cs
}
