package api

// ResourceKind is the kind of resource an IAM action is authorized against.
type ResourceKind int

const (
	// ResourceNone: the action supports no resource type; policies must use
	// "Resource": "*".
	ResourceNone ResourceKind = iota
	// ResourceBroker: arn:${Partition}:mq:${Region}:${Account}:broker:${BrokerName}:${BrokerId}.
	ResourceBroker
	// ResourceConfiguration: arn:${Partition}:mq:${Region}:${Account}:configuration:${ConfigurationId}.
	ResourceConfiguration
	// ResourceTagged: the broker or configuration named by the ResourceArn
	// path label of the tag operations.
	ResourceTagged
	// ResourcePrimaryBroker: the primary broker named by CreateBroker's
	// dataReplicationPrimaryBrokerArn.
	ResourcePrimaryBroker
	// ResourceRole: the IAM role that a broker configuration asks Amazon MQ
	// to assume (aws.arns.assume_role_arn), known only to the service.
	ResourceRole
	// ResourceServiceLinkedRole: the AWSServiceRoleForAmazonMQ
	// service-linked role of the account.
	ResourceServiceLinkedRole
)

// String returns the kind as the Service Authorization Reference names it.
func (k ResourceKind) String() string {
	switch k {
	case ResourceBroker, ResourcePrimaryBroker:
		return "brokers"
	case ResourceConfiguration:
		return "configurations"
	case ResourceTagged:
		return "brokers or configurations"
	case ResourceRole:
		return "role"
	case ResourceServiceLinkedRole:
		return "service-linked role"
	}
	return "*"
}

// Action is one IAM action an operation needs, with when it is needed.
type Action struct {
	// Name is the IAM action, e.g. "mq:CreateBroker".
	Name string
	// Resource is what the action is authorized against.
	Resource ResourceKind
	// When reports whether the action is needed for this input and
	// service-side state; nil means always.
	When func(in any, env Env) bool
	// Stateful is true when whether the action applies depends on state only
	// the service knows (Env), so a client can only suspect it.
	Stateful bool
	// Why says, for a conditional action, when it is needed.
	Why string
	// Context holds condition keys the service sets for this check, e.g.
	// {"iam:PassedToService": "mq.amazonaws.com"}; policies that allow the
	// action usually pin them.
	Context map[string]string

	resource func(in any) string // the input member naming the resource
}

// Env is the service-side state that decides stateful actions.
type Env struct {
	// FirstBroker is true when the account has no broker yet, so creating
	// one also creates the service-linked role.
	FirstBroker bool
	// PassRole is the role ARN a referenced broker configuration asks Amazon
	// MQ to assume, or "".
	PassRole string
}

// Applies reports whether the action is needed for in under env.
func (a Action) Applies(in any, env Env) bool { return a.When == nil || a.When(in, env) }

// Needed returns the actions the operation needs for in under env, primary
// action first.
func (op *Operation) Needed(in any, env Env) []Action {
	out := make([]Action, 0, len(op.Actions))
	for _, a := range op.Actions {
		if a.Applies(in, env) {
			out = append(out, a)
		}
	}
	return out
}

// ServiceLinkedRoleName is the role Amazon MQ creates with a first broker.
const ServiceLinkedRoleName = "aws-service-role/mq.amazonaws.com/AWSServiceRoleForAmazonMQ"

// ResourceName returns the value of the input member that names the
// action's resource: a broker or configuration ID, or an ARN (tag
// operations, the primary broker of a replica); "" for actions on no
// resource or on resources only the service knows (roles).
func (a Action) ResourceName(in any) string {
	if a.resource == nil {
		return ""
	}
	if i, ok := in.(input); !ok || i.isNil() {
		return ""
	}
	return a.resource(in)
}
