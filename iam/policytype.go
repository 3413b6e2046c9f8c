package iam

// PolicyType is a policy layer, worded exactly as AWS words it in
// access-denied messages ("... because no service control policy allows
// ..."). A layer this package does not name is carried as AWS wrote it.
type PolicyType string

// The policy layers named by AWS access-denied messages.
const (
	// PolicyTypeIdentityBased is an identity-based policy (user, group or
	// role policy).
	PolicyTypeIdentityBased PolicyType = "identity-based policy"
	// PolicyTypeSCP is an AWS Organizations service control policy.
	PolicyTypeSCP PolicyType = "service control policy"
	// PolicyTypeRCP is an AWS Organizations resource control policy.
	PolicyTypeRCP PolicyType = "resource control policy"
	// PolicyTypeResourceBased is a resource-based policy (bucket policy,
	// key policy, ...).
	PolicyTypeResourceBased PolicyType = "resource-based policy"
	// PolicyTypePermissionsBoundary is a permissions boundary.
	PolicyTypePermissionsBoundary PolicyType = "permissions boundary"
	// PolicyTypeSession is a session policy, the one passed when a session
	// was created; AWS sometimes spells it "sessions policy".
	PolicyTypeSession PolicyType = "session policy"
	// PolicyTypeVPCEndpoint is a VPC endpoint policy.
	PolicyTypeVPCEndpoint PolicyType = "VPC endpoint policy"
	// PolicyTypeRoleTrust is a role trust policy.
	PolicyTypeRoleTrust PolicyType = "role trust policy"
)
