package client

import (
	"encoding/json"
	"slices"
	"strings"
)

// PolicyDocument is an IAM policy document, ready to attach.
type PolicyDocument struct {
	// Version is always "2012-10-17".
	Version string `json:"Version"`
	// Statement lists the statements.
	Statement []Statement `json:"Statement"`
}

// Statement is one IAM policy statement.
type Statement struct {
	// Sid names the statement.
	Sid string `json:"Sid,omitempty"`
	// Effect is "Allow" or "Deny".
	Effect string `json:"Effect"`
	// Action lists IAM actions.
	Action []string `json:"Action"`
	// Resource lists resource ARNs ("*" for actions without resource types).
	Resource []string `json:"Resource"`
	// Condition holds condition blocks, e.g.
	// {"StringEquals": {"iam:PassedToService": "mq.amazonaws.com"}}.
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// String renders the document as indented JSON.
func (p *PolicyDocument) String() string {
	b, _ := json.MarshalIndent(p, "", "  ")
	return string(b)
}

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
	doc := &PolicyDocument{Version: "2012-10-17", Statement: []Statement{}}
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
			doc.Statement = append(doc.Statement, Statement{Effect: "Allow", Action: actions,
				Resource: strings.Split(rk, "\x00"), Condition: b.conds[k]})
		}
	}
	return doc
}
