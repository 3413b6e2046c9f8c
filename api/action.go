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

// EC2 actions that creating a broker in the caller's subnets needs
// (Amazon MQ Developer Guide, "IAM Permissions Required to Create an Amazon MQ Broker").
var (
	// EC2BrokerActions are allowed on "*" without conditions.
	EC2BrokerActions = []string{
		"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DetachNetworkInterface",
		"ec2:DescribeInternetGateways", "ec2:DescribeNetworkInterfaces", "ec2:DescribeRouteTables",
		"ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
	}
	// EC2BrokerPermissionActions are allowed on "*" with
	// ec2:AuthorizedService = mq.amazonaws.com.
	EC2BrokerPermissionActions = []string{
		"ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterfacePermission",
		"ec2:DescribeNetworkInterfacePermissions",
	}
)

func always(name string, r ResourceKind) Action { return Action{Name: name, Resource: r} }

func tagsOnCreate(in any, _ Env) bool {
	switch v := in.(type) {
	case *CreateBrokerInput:
		return len(v.Tags) > 0
	case *CreateConfigurationInput:
		return len(v.Tags) > 0
	}
	return false
}

func createTagsAction() Action {
	return Action{Name: "mq:CreateTags", Resource: ResourceNone, When: tagsOnCreate,
		Why: "the request carries tags"}
}

func passRoleAction() Action {
	return Action{Name: "iam:PassRole", Resource: ResourceRole, Stateful: true,
		When:    func(_ any, env Env) bool { return env.PassRole != "" },
		Why:     "the broker configuration sets aws.arns.assume_role_arn",
		Context: map[string]string{"iam:PassedToService": "mq.amazonaws.com"}}
}

func createBrokerActions() []Action {
	subnets := func(in any, _ Env) bool { return len(in.(*CreateBrokerInput).SubnetIDs) > 0 }
	acts := []Action{
		always("mq:CreateBroker", ResourceNone),
		createTagsAction(),
		{Name: "mq:CreateReplicaBroker", Resource: ResourcePrimaryBroker,
			When: func(in any, _ Env) bool {
				b := in.(*CreateBrokerInput)
				return b.DataReplicationMode == DataReplicationModeCrdr && b.DataReplicationPrimaryBrokerARN != ""
			},
			Why: "the request creates a CRDR replica of a primary broker"},
	}
	for _, a := range EC2BrokerActions {
		acts = append(acts, Action{Name: a, Resource: ResourceNone, When: subnets, Why: "the request names subnets"})
	}
	for _, a := range EC2BrokerPermissionActions {
		acts = append(acts, Action{Name: a, Resource: ResourceNone, When: subnets, Why: "the request names subnets",
			Context: map[string]string{"ec2:AuthorizedService": "mq.amazonaws.com"}})
	}
	return append(acts,
		Action{Name: "iam:CreateServiceLinkedRole", Resource: ResourceServiceLinkedRole, Stateful: true,
			When:    func(_ any, env Env) bool { return env.FirstBroker },
			Why:     "it is the account's first broker, so Amazon MQ creates its service-linked role",
			Context: map[string]string{"iam:AWSServiceName": "mq.amazonaws.com"}},
		passRoleAction(),
	)
}

func updateBrokerActions() []Action {
	return []Action{
		always("mq:UpdateBroker", ResourceBroker),
		{Name: "mq:UpdateBrokerAccessConfiguration", Resource: ResourceBroker,
			When: func(in any, _ Env) bool {
				b := in.(*UpdateBrokerInput)
				return b.AuthenticationStrategy != "" || b.LdapServerMetadata != nil
			},
			Why: "the request changes the broker's authentication"},
		passRoleAction(),
	}
}
