package client

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/mqrest/mqrest/api"
)

// ActionRecorder records every IAM action a program's calls needed and the
// resources they touched, to emit the least-privilege policy that program
// needs. Attach it with WithActionRecorder; it is safe for concurrent use.
type ActionRecorder struct {
	mu        sync.Mutex
	grants    map[grant]bool
	created   map[string]bool   // broker and configuration IDs created while recording
	names     map[string]string // broker ID -> name
	account   string
	region    string
	partition string
}

// grant is one recorded (action, resource) need, resolved to an ARN only
// when the policy is rendered, so names and accounts learned later apply.
type grant struct {
	action string
	kind   api.ResourceKind
	id     string // broker or configuration ID, or a full ARN for ResourceTagged/PrimaryBroker
	cond   string // "key=value" condition from the table, or ""
	// gone is set when the service answered NotFound: it then authorized
	// the call on an ARN without the broker's name (broker:*:<id>).
	gone bool
}

// NewActionRecorder returns an empty recorder.
func NewActionRecorder() *ActionRecorder {
	return &ActionRecorder{grants: map[grant]bool{}, created: map[string]bool{}, names: map[string]string{}}
}

// WithActionRecorder makes the client record into rec the actions and
// resources of every call that reached the service.
func WithActionRecorder(rec *ActionRecorder) Option {
	return func(o *options) error {
		if rec == nil {
			return errors.New("mqrest: WithActionRecorder: nil recorder")
		}
		o.recorder = rec
		return nil
	}
}

func (r *ActionRecorder) record(c *Client, op *api.Operation, in, out any, callErr error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.region == "" {
		r.region, r.partition = c.region, c.partition()
	}
	if r.account == "" {
		r.account = c.account
	}
	r.learn(out)
	for _, a := range op.Actions {
		if !a.Stateful && !a.Applies(in, api.Env{}) {
			continue
		}
		if a.Stateful && a.Name != "iam:CreateServiceLinkedRole" {
			continue // PassRole depends on configuration data the client cannot see
		}
		g := grant{action: a.Name, kind: a.Resource, id: a.ResourceName(in), gone: errors.Is(callErr, ErrNotFound)}
		for k, v := range a.Context {
			g.cond = k + "=" + v
		}
		r.grants[g] = true
	}
	switch v := in.(type) {
	case *api.CreateBrokerInput:
		if o, ok := out.(*api.CreateBrokerOutput); ok && o.BrokerID != "" {
			r.created[o.BrokerID] = true
			r.names[o.BrokerID] = v.BrokerName
		}
	case *api.CreateConfigurationInput:
		if o, ok := out.(*api.CreateConfigurationOutput); ok && o.ID != "" {
			r.created[o.ID] = true
		}
	}
}

// resourceName returns the value of the input member naming the resource
// of the given kind that an action of op is authorized against, or "".
func resourceName(op *api.Operation, in any, kind api.ResourceKind) string {
	for _, a := range op.Actions {
		if a.Resource == kind {
			if name := a.ResourceName(in); name != "" {
				return name
			}
		}
	}
	return ""
}

// learn picks the account and broker names out of ARNs in an output.
func (r *ActionRecorder) learn(out any) {
	v := reflect.ValueOf(out)
	if !v.IsValid() || v.IsNil() {
		return
	}
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > 3 {
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), depth)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), depth+1)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Field(i)
				if f.Kind() == reflect.String && strings.HasPrefix(f.String(), "arn:") {
					if a, err := api.ParseARN(f.String()); err == nil {
						if r.account == "" {
							r.account = a.Account
						}
						if a.Type == "broker" && a.Name != "" {
							r.names[a.ID] = a.Name
						}
					}
				} else if f.Kind() != reflect.String {
					walk(f, depth+1)
				}
			}
		}
	}
	walk(v, 0)
}

// Actions returns the recorded actions, sorted, each once.
func (r *ActionRecorder) Actions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for g := range r.grants {
		if !slices.Contains(out, g.action) {
			out = append(out, g.action)
		}
	}
	slices.Sort(out)
	return out
}

// Policy returns the minimal identity policy allowing what was recorded:
// resource-level ARNs where Amazon MQ supports them, "*" where it does
// not. Brokers and configurations that the program created while
// recording cannot be known in advance, so they appear with a wildcard ID
// (broker:<name>:*, configuration:*).
func (r *ActionRecorder) Policy() *PolicyDocument {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := newPolicyBuilder()
	for g := range r.grants {
		var c map[string]map[string]string
		if k, v, ok := strings.Cut(g.cond, "="); ok {
			c = cond("StringEquals", k, v)
			if k == "iam:AWSServiceName" {
				c = cond("StringLike", k, v)
			}
		}
		b.allow(g.action, r.resolve(g), c)
	}
	return b.document()
}

func (r *ActionRecorder) resolve(g grant) string {
	account, region := r.account, r.region
	if account == "" {
		account = "*"
	}
	broker := func(id string, gone bool) string {
		name := r.names[id]
		if name == "" || gone {
			name = "*"
		}
		if r.created[id] || id == "" {
			id = "*"
		}
		return api.BrokerARN(r.partition, region, account, name, id)
	}
	config := func(id string) string {
		if r.created[id] || id == "" {
			id = "*"
		}
		return api.ConfigurationARN(r.partition, region, account, id)
	}
	switch g.kind {
	case api.ResourceBroker:
		return broker(g.id, g.gone)
	case api.ResourceConfiguration:
		return config(g.id)
	case api.ResourceTagged, api.ResourcePrimaryBroker:
		a, err := api.ParseARN(g.id)
		if err != nil {
			return "*"
		}
		if a.Type == "broker" {
			if a.Name != "" && r.names[a.ID] == "" {
				r.names[a.ID] = a.Name
			}
			return broker(a.ID, g.gone)
		}
		return config(a.ID)
	case api.ResourceServiceLinkedRole:
		return "arn:" + r.partition + ":iam::" + account + ":role/" + api.ServiceLinkedRoleName
	}
	return "*"
}

// PolicyFor returns the least-privilege identity policy for calling the
// named operations on any broker or configuration in region and account
// ("" for any). It grants each operation's primary action, and for
// CreateBroker the service-linked role the account's first broker needs;
// actions needed only for some inputs (mq:CreateTags with tags, the EC2
// actions with subnets, mq:UpdateBrokerAccessConfiguration) are not
// included: record a real run with WithActionRecorder to get those.
func PolicyFor(operations []string, region, account string) (*PolicyDocument, error) {
	if region == "" {
		region = "*"
	}
	if account == "" {
		account = "*"
	}
	partition := "aws"
	if region != "*" {
		partition = api.PartitionOf(region).Name
	}
	b := newPolicyBuilder()
	for _, name := range operations {
		op := api.Lookup(strings.TrimSpace(name))
		if op == nil {
			return nil, fmt.Errorf("mqrest: unknown operation %q", name)
		}
		a := op.Actions[0]
		res := "*"
		switch a.Resource {
		case api.ResourceBroker:
			res = api.BrokerARN(partition, region, account, "*", "*")
		case api.ResourceConfiguration:
			res = api.ConfigurationARN(partition, region, account, "*")
		case api.ResourceTagged:
			b.allow(a.Name, api.ConfigurationARN(partition, region, account, "*"), nil)
			res = api.BrokerARN(partition, region, account, "*", "*")
		}
		b.allow(a.Name, res, nil)
		if op.Name == "CreateBroker" {
			b.allow("iam:CreateServiceLinkedRole", "arn:"+partition+":iam::"+account+":role/"+api.ServiceLinkedRoleName,
				cond("StringLike", "iam:AWSServiceName", "mq.amazonaws.com"))
		}
	}
	return b.document(), nil
}
