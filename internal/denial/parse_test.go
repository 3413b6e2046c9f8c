package denial

import (
	"strings"
	"testing"

	"github.com/mqrest/mqrest/iam"
)

// partitions are the AWS partitions every example is run in: the "arn:aws:"
// of each ARN in the input and in the expected fields is rewritten.
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// inPartition rewrites the partition of every ARN in s.
func inPartition(s, p string) string {
	return strings.ReplaceAll(s, "arn:aws:", "arn:"+p+":")
}

func (d Denial) inPartition(p string) Denial {
	d.Action = inPartition(d.Action, p)
	d.Resource = inPartition(d.Resource, p)
	d.Principal = inPartition(d.Principal, p)
	d.PolicyARN = inPartition(d.PolicyARN, p)
	d.Message = inPartition(d.Message, p)
	return d
}

type example struct {
	in   string
	want Denial // Message defaults to in when in is not JSON or XML and want has no Code
	ok   bool
	op   string // want Operation(in)
}

// iamExamples holds every denial (and non-denial) example of iam.md §3 and
// §4, verbatim, including the "…" elisions of those notes. Keys name the
// section. Rows marked "constructed" are built from a form the section
// describes without quoting a whole message.
// decodedExample is the sts:DecodeAuthorizationMessage example of iam.md
// §4.4 with its elided condition list ("[…]") replaced by "[]" to make it
// JSON.
const decodedExample = `{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[{"statementId":"VisualEditor0","effect":"DENY","principals":{"items":[{"value":"AROA123456789EXAMPLE"}]},"principalGroups":{"items":[]},"actions":{"items":[{"value":"ec2:RunInstances"}]},"resources":{"items":[{"value":"*"}]},"conditions":{"items":[]}}]},"failures":{"items":[]},"context":{"principal":{"id":"AROA123456789EXAMPLE:Ana","arn":"arn:aws:sts::111122223333:assumed-role/Developer/Ana"},"action":"RunInstances","resource":"arn:aws:ec2:us-east-1:111122223333:instance/*","conditions":{"items":[]}}}`

var iamExamples = map[string]example{
	// §3.1 modeled errors.
	"3.1 ForbiddenException doc string": {
		in:   `{"errorAttribute":"","message":"Access forbidden. Correct your credentials and then retry your request."}`,
		want: Denial{Deny: iam.DenyUnknown, Message: "Access forbidden. Correct your credentials and then retry your request."},
		ok:   true,
	},
	"3.1 ForbiddenException code only (constructed)": {
		in:   `{"__type":"ForbiddenException","errorAttribute":"x","message":"something else"}`,
		want: Denial{Deny: iam.DenyUnknown, Code: "ForbiddenException", Message: "something else"},
		ok:   true,
	},
	"3.1 UnauthorizedException doc string": {
		in:   `{"code":"UnauthorizedException","message":"Unauthorized request. The provided credentials couldn't be validated."}`,
		want: Denial{Code: "UnauthorizedException", Message: "Unauthorized request. The provided credentials couldn't be validated."},
	},
	"3.1 BadRequestException terraform-provider-aws#33514": {
		in:   `{"errorAttribute":"securityGroups","message":"Changing security groups is not supported for RabbitMQ brokers."}`,
		want: Denial{Message: "Changing security groups is not supported for RabbitMQ brokers."},
	},
	"2.2 BadRequestException ACK#1517": {
		in:   "BadRequestException: Subnets must belong to the same VPC.",
		want: Denial{Code: "BadRequestException", Message: "Subnets must belong to the same VPC."},
	},
	"2.2 BadRequestException pulumi#7165": {
		in:   `{"code":"BadRequestException","errorAttribute":"logs.audit","message":"Audit logs are not supported for RabbitMQ brokers."}`,
		want: Denial{Code: "BadRequestException", Message: "Audit logs are not supported for RabbitMQ brokers."},
	},

	// §3.2 what an MQ denial looks like.
	"3.2 ansible CLI, truncated": {
		in: "An error occurred (AccessDeniedException) when calling the ListBrokers operation: User: arn:aws:sts::966509639900:assumed-role/ansible-core-ci-test-prod/prod=remote=zuul-cloud is not au…",
		want: Denial{
			Principal: "arn:aws:sts::966509639900:assumed-role/ansible-core-ci-test-prod/prod=remote=zuul-cloud",
			Deny:      iam.DenyUnknown,
			Code:      "AccessDeniedException",
			Message:   "User: arn:aws:sts::966509639900:assumed-role/ansible-core-ci-test-prod/prod=remote=zuul-cloud is not au…",
		},
		ok: true,
		op: "ListBrokers",
	},
	"3.2 Qovery blueprint": {
		in:   "AccessDeniedException: ... is not authorized to perform: mq:CreateConfiguration",
		want: Denial{Action: "mq:CreateConfiguration", Deny: iam.DenyUnknown, Code: "AccessDeniedException", Message: "... is not authorized to perform: mq:CreateConfiguration"},
		ok:   true,
	},
	"3.2 vprofile summary": {
		in:   "AccessDeniedException: mq:CreateBroker",
		want: Denial{Action: "mq:CreateBroker", Deny: iam.DenyUnknown, Code: "AccessDeniedException", Message: "mq:CreateBroker"},
		ok:   true,
	},
	"3.2 vprofile message": {
		in:   "User: arn:aws:iam::...:user/devops is not authorized to perform: mq:CreateBroker",
		want: Denial{Action: "mq:CreateBroker", Principal: "arn:aws:iam::...:user/devops", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"3.2 synthetic ForbiddenException mock": {
		in:   "(ForbiddenException) … is not authorized to perform: mq:<Action>",
		want: Denial{Action: "mq:<Action>", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"3.2 common AccessDeniedException": {
		in:   `{"__type":"AccessDeniedException","message":"You don't have permission to perform this action. Verify that your IAM policy includes the required permissions."}`,
		want: Denial{Deny: iam.DenyUnknown, Code: "AccessDeniedException", Message: "You don't have permission to perform this action. Verify that your IAM policy includes the required permissions."},
		ok:   true,
	},
	"3.2 common AccessDeniedException, no code": {
		in:   "You don't have permission to perform this action. Verify that your IAM policy includes the required permissions.",
		want: Denial{Deny: iam.DenyUnknown},
		ok:   true,
	},
	"3.2 common ExpiredTokenException": {
		in:   `{"__type":"ExpiredTokenException","message":"The security token included in the request has expired. Request a new security token and try again."}`,
		want: Denial{Code: "ExpiredTokenException", Message: "The security token included in the request has expired. Request a new security token and try again."},
	},
	"3.2 common IncompleteSignature": {
		in:   `{"__type":"IncompleteSignature","message":"x"}`,
		want: Denial{Code: "IncompleteSignature", Message: "x"},
	},
	"3.2 common InvalidClientTokenId": {
		in:   "InvalidClientTokenId: The security token included in the request is invalid.",
		want: Denial{Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid."},
	},
	"3.2 common MissingAuthenticationToken": {
		in:   `{"__type":"MissingAuthenticationToken","message":"The request must contain a valid AWS access key ID or X.509 certificate."}`,
		want: Denial{Code: "MissingAuthenticationToken", Message: "The request must contain a valid AWS access key ID or X.509 certificate."},
	},
	"3.2 common NotAuthorized": {
		in:   `{"__type":"NotAuthorized"}`,
		want: Denial{Deny: iam.DenyUnknown, Code: "NotAuthorized", Message: ""},
		ok:   true,
	},
	"3.2 common OptInRequired": {
		in:   `{"__type":"OptInRequired"}`,
		want: Denial{Code: "OptInRequired", Message: ""},
	},
	"3.2 common RequestExpired": {
		in:   `{"__type":"RequestExpired","message":"Request has expired."}`,
		want: Denial{Code: "RequestExpired", Message: "Request has expired."},
	},
	"3.2 common ThrottlingException": {
		in:   `{"__type":"ThrottlingException","message":"Rate exceeded"}`,
		want: Denial{Code: "ThrottlingException", Message: "Rate exceeded"},
	},
	"3.2 common UnrecognizedClientException": {
		in:   `{"__type":"UnrecognizedClientException","message":"The X.509 certificate or AWS access key ID you provided doesn't exist in our records."}`,
		want: Denial{Code: "UnrecognizedClientException", Message: "The X.509 certificate or AWS access key ID you provided doesn't exist in our records."},
	},
	"3.2 common ServiceUnavailable": {
		in:   `{"__type":"ServiceUnavailable"}`,
		want: Denial{Code: "ServiceUnavailable", Message: ""},
	},

	// §3.3 authentication failures: never denials.
	"3.3 UnrecognizedClientException body": {
		in:   `{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}`,
		want: Denial{Code: "UnrecognizedClientException", Message: "The security token included in the request is invalid."},
	},
	"3.3 UnrecognizedClientException SDK (iamlive#58)": {
		in:   "operation error Lambda: DeleteFunction, https response error StatusCode: 403, RequestID: 0c2d44a4-6a2c-4c0b-9d5c-0a3c5e0ad4a6, api error UnrecognizedClientException: The security token included in the request is invalid",
		want: Denial{Code: "UnrecognizedClientException", Message: "The security token included in the request is invalid"},
		op:   "DeleteFunction",
	},
	"3.3 InvalidSignatureException": {
		in:   "InvalidSignatureException: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
		want: Denial{Code: "InvalidSignatureException", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."},
	},
	"3.3 ExpiredTokenException": {
		in:   "ExpiredTokenException: The security token included in the request has expired",
		want: Denial{Code: "ExpiredTokenException", Message: "The security token included in the request has expired"},
	},
	"3.3 Signature expired": {
		in:   "Signature expired: 20141106T010406Z is now earlier than 20141106T011252Z (20141106T011752Z - 5 min.)",
		want: Denial{},
	},
	"3.3 SignatureDoesNotMatch CLI (constructed)": {
		in:   "An error occurred (SignatureDoesNotMatch) when calling the DescribeStacks operation: Signature expired: 20260803T101500Z is now earlier than 20260803T104500Z (20260803T105000Z - 5 min.)",
		want: Denial{Code: "SignatureDoesNotMatch", Message: "Signature expired: 20260803T101500Z is now earlier than 20260803T104500Z (20260803T105000Z - 5 min.)"},
		op:   "DescribeStacks",
	},

	// §4.1 IAM User Guide examples.
	"4.1 SCP implicit": {
		in:   "User: arn:aws:iam::777788889999:user/John is not authorized to perform: codecommit:ListRepositories because no service control policy allows the codecommit:ListRespositories action",
		want: Denial{Action: "codecommit:ListRepositories", Principal: "arn:aws:iam::777788889999:user/John", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeSCP},
		ok:   true,
	},
	"4.1 SCP explicit": {
		in:   "User: arn:aws:iam::777788889999:user/John is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy",
		want: Denial{Action: "codecommit:ListRepositories", Principal: "arn:aws:iam::777788889999:user/John", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeSCP},
		ok:   true,
	},
	"4.1 RCP explicit": {
		in:   "User: arn:aws:iam::123456789012:user/John is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:* with an explicit deny in a resource control policy",
		want: Denial{Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:*", Principal: "arn:aws:iam::123456789012:user/John", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeRCP},
		ok:   true,
	},
	"4.1 VPCE implicit": {
		in:   "… is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action",
		want: Denial{Action: "codecommit:ListRepositories", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeVPCEndpoint},
		ok:   true,
	},
	"4.1 VPCE explicit": {
		in:   "… codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a VPC endpoint policy",
		want: Denial{Action: "codedeploy:ListDeployments", Resource: "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeVPCEndpoint},
		ok:   true,
	},
	"4.1 boundary implicit": {
		in:   "… codedeploy:ListDeployments on resource: arn:…:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action",
		want: Denial{Action: "codedeploy:ListDeployments", Resource: "arn:…:deploymentgroup:*", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypePermissionsBoundary},
		ok:   true,
	},
	"4.1 boundary explicit": {
		in:   "User: arn:aws:iam::777788889999:user/John is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary",
		want: Denial{Action: "sagemaker:ListModels", Principal: "arn:aws:iam::777788889999:user/John", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypePermissionsBoundary},
		ok:   true,
	},
	"4.1 session implicit": {
		in:   "… codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action",
		want: Denial{Action: "codecommit:ListRepositories", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeSession},
		ok:   true,
	},
	"4.1 session explicit (sessions)": {
		in:   "… codedeploy:ListDeployments on resource: arn:…:deploymentgroup:* with an explicit deny in a sessions policy",
		want: Denial{Action: "codedeploy:ListDeployments", Resource: "arn:…:deploymentgroup:*", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeSession},
		ok:   true,
	},
	"4.1 resource-based implicit": {
		in:   "… secretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action",
		want: Denial{Action: "secretsmanager:GetSecretValue", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeResourceBased},
		ok:   true,
	},
	"4.1 resource-based explicit": {
		in:   "… on resource: arn:aws:secretsmanager:…:secret:* with an explicit deny in a resource-based policy",
		want: Denial{Resource: "arn:aws:secretsmanager:…:secret:*", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeResourceBased},
		ok:   true,
	},
	"4.1 trust implicit": {
		in:   "… sts:AssumeRole because no role trust policy allows the sts:AssumeRole action",
		want: Denial{Action: "sts:AssumeRole", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeRoleTrust},
		ok:   true,
	},
	"4.1 trust explicit (the)": {
		in:   "… sts:AssumeRole with an explicit deny in the role trust policy",
		want: Denial{Action: "sts:AssumeRole", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeRoleTrust},
		ok:   true,
	},
	"4.1 identity implicit": {
		in:   "User: arn:aws:iam::123456789012:role/HR is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
		want: Denial{Action: "codecommit:ListRepositories", Principal: "arn:aws:iam::123456789012:role/HR", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeIdentityBased},
		ok:   true,
	},
	"4.1 identity explicit": {
		in:   "… codedeploy:ListDeployments on resource: arn:…:deploymentgroup:* with an explicit deny in an identity-based policy",
		want: Denial{Action: "codedeploy:ListDeployments", Resource: "arn:…:deploymentgroup:*", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeIdentityBased},
		ok:   true,
	},
	"4.1 transitive": {
		in:   "User: arn:aws:sts::111122223333:assumed-role/role-name/role-session-name is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:role-name-2 with an explicit deny in a VPC endpoint policy transitively through a service control policy",
		want: Denial{Action: "SNS:Publish", Resource: "arn:aws:sns:us-east-1:444455556666:role-name-2", Principal: "arn:aws:sts::111122223333:assumed-role/role-name/role-session-name", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeVPCEndpoint, Through: iam.PolicyTypeSCP},
		ok:   true,
	},
	"4.1 legacy MQ troubleshooting": {
		in:   "User: arn:aws:iam::123456789012:user/mateojackson is not authorized to perform: mq:GetWidget on resource: my-example-widget",
		want: Denial{Action: "mq:GetWidget", Resource: "my-example-widget", Principal: "arn:aws:iam::123456789012:user/mateojackson", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"4.1 legacy bare explicit deny (Knowledge Center)": {
		in:   "… ec2:RunInstances on resource: arn:aws:ec2:us-east-1:444455556666:volume/* with an explicit deny",
		want: Denial{Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:444455556666:volume/*", Deny: iam.DenyExplicit},
		ok:   true,
	},
	"4.1 MQ troubleshooting PassRole": {
		in:   "User: arn:aws:iam::123456789012:user/marymajor is not authorized to perform: iam:PassRole",
		want: Denial{Action: "iam:PassRole", Principal: "arn:aws:iam::123456789012:user/marymajor", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"4.1 real MQ, truncated, bare": {
		// Without the error code nothing left says "denied".
		in:   "User: arn:aws:sts::966509639900:assumed-role/ansible-core-ci-test-prod/prod=remote=zuul-cloud is not au…",
		want: Denial{},
	},
	"4.1 real MQ CreateConfiguration": {
		in:   "… is not authorized to perform: mq:CreateConfiguration",
		want: Denial{Action: "mq:CreateConfiguration", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"4.1 Route 53 NotAuthorizedException": {
		in:   "NotAuthorizedException: User: arn:aws:iam::…:user/… is not authorized to perform: route53:AssociateVPCWithHostedZone on resource: arn:aws:ec2:us-east-2:…:vpc/vpc-…",
		want: Denial{Action: "route53:AssociateVPCWithHostedZone", Resource: "arn:aws:ec2:us-east-2:…:vpc/vpc-…", Principal: "arn:aws:iam::…:user/…", Deny: iam.DenyUnknown, Code: "NotAuthorizedException", Message: "User: arn:aws:iam::…:user/… is not authorized to perform: route53:AssociateVPCWithHostedZone on resource: arn:aws:ec2:us-east-2:…:vpc/vpc-…"},
		ok:   true,
	},

	// §4.2 policy ARNs and quoted S3 resources.
	"4.2 SCP with policy ARN": {
		in:   "User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd",
		want: Denial{Action: "iam:ListRoles", Resource: "arn:aws:iam::123456789012:role/*", Principal: "arn:aws:iam::123456789012:user/Matt", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeSCP, PolicyARN: "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd"},
		ok:   true,
	},
	"4.2 S3 quoted resource (constructed)": {
		in:   `User: arn:aws:sts::123456789012:assumed-role/app/session is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/key" because no identity-based policy allows the s3:GetObject action`,
		want: Denial{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", Principal: "arn:aws:sts::123456789012:assumed-role/app/session", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeIdentityBased},
		ok:   true,
	},
	"4.2 S3 quoted resource with a space, explicit (constructed)": {
		in:   `User: arn:aws:sts::123456789012:assumed-role/app/session is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::bucket/my key.txt" with an explicit deny in a resource-based policy`,
		want: Denial{Action: "s3:PutObject", Resource: "arn:aws:s3:::bucket/my key.txt", Principal: "arn:aws:sts::123456789012:assumed-role/app/session", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeResourceBased},
		ok:   true,
	},

	// §4.3 grammar forms.
	"4.3 anonymous principal (constructed)": {
		in:   "User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/items",
		want: Denial{Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/items", Principal: "anonymous", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"4.3 CLI prefix (constructed)": {
		in:   "An error occurred (AccessDeniedException) when calling the CreateBroker operation: User: arn:aws:iam::123456789012:user/devops is not authorized to perform: mq:CreateBroker on resource: arn:aws:mq:us-east-1:123456789012:* because no identity-based policy allows the mq:CreateBroker action",
		want: Denial{Action: "mq:CreateBroker", Resource: "arn:aws:mq:us-east-1:123456789012:*", Principal: "arn:aws:iam::123456789012:user/devops", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeIdentityBased, Code: "AccessDeniedException", Message: "User: arn:aws:iam::123456789012:user/devops is not authorized to perform: mq:CreateBroker on resource: arn:aws:mq:us-east-1:123456789012:* because no identity-based policy allows the mq:CreateBroker action"},
		ok:   true,
		op:   "CreateBroker",
	},
	"4.3 trailing period (constructed)": {
		in:   "User: arn:aws:iam::123456789012:user/marymajor is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/mq-assume.",
		want: Denial{Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/mq-assume", Principal: "arn:aws:iam::123456789012:user/marymajor", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"4.3 API Gateway access": {
		in:   "User: arn:aws:iam::123456789012:user/x is not authorized to access this resource",
		want: Denial{Principal: "arn:aws:iam::123456789012:user/x", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"4.3 EC2 UnauthorizedOperation": {
		in:   "UnauthorizedOperation: You are not authorized to perform this operation.",
		want: Denial{Deny: iam.DenyUnknown, Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation."},
		ok:   true,
	},
	"4.3 EC2 Client.UnauthorizedOperation": {
		in:   "Client.UnauthorizedOperation: You are not authorized to perform this operation.",
		want: Denial{Deny: iam.DenyUnknown, Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation."},
		ok:   true,
	},

	"4.3 EC2 with message and encoded blob (constructed)": {
		in:   "You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/Developer/Ana is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in a service control policy. Encoded authorization failure message: Abc-_12+/xyz=",
		want: Denial{Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:123456789012:instance/*", Principal: "arn:aws:sts::123456789012:assumed-role/Developer/Ana", Deny: iam.DenyExplicit, PolicyType: iam.PolicyTypeSCP, EncodedMessage: "Abc-_12+/xyz="},
		ok:   true,
	},
	"S3 HEAD via the AWS CLI (constructed)": {
		in:   "An error occurred (403) when calling the HeadObject operation: Forbidden",
		want: Denial{Deny: iam.DenyUnknown, Code: "403", Message: "Forbidden"},
		ok:   true,
		op:   "HeadObject",
	},

	// §4.4 encoded authorization failure messages.
	"4.4 encoded (amplify-cli#10116)": {
		in:   "You are not authorized to perform this operation. Encoded authorization failure message: KzCTdjlfnw3kFn…",
		want: Denial{Deny: iam.DenyUnknown, EncodedMessage: "KzCTdjlfnw3kFn"},
		ok:   true,
	},
	"4.4 decoded message (elided conditions repaired)": {
		in:   decodedExample,
		want: Denial{Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*", Principal: "arn:aws:sts::111122223333:assumed-role/Developer/Ana", Deny: iam.DenyExplicit, Message: decodedExample},
		ok:   true,
	},
	"4.4 DecodeAuthorizationMessage output (constructed)": {
		in:   `{"DecodedMessage": "{\"allowed\":false,\"explicitDeny\":false,\"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"AROA1:Ana\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Developer/Ana\"},\"action\":\"ec2:RunInstances\",\"resource\":\"arn:aws:ec2:us-east-1:111122223333:instance/*\"}}"}`,
		want: Denial{Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*", Principal: "arn:aws:sts::111122223333:assumed-role/Developer/Ana", Deny: iam.DenyImplicit, Message: `{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]},"context":{"principal":{"id":"AROA1:Ana","arn":"arn:aws:sts::111122223333:assumed-role/Developer/Ana"},"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:111122223333:instance/*"}}`},
		ok:   true,
	},
	"4.4 decoded message, allowed": {
		in:   `{"allowed":true,"explicitDeny":false,"context":{"action":"ec2:RunInstances"}}`,
		want: Denial{Message: `{"allowed":true,"explicitDeny":false,"context":{"action":"ec2:RunInstances"}}`},
	},

	// §5.1 legacy forms matched by access-undenied.
	"5.1 legacy on resource: role X (constructed)": {
		in:   "User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:GetRole on resource: role MyRole because no identity-based policy allows the iam:GetRole action",
		want: Denial{Action: "iam:GetRole", Resource: "role MyRole", Principal: "arn:aws:iam::123456789012:user/x", Deny: iam.DenyImplicit, PolicyType: iam.PolicyTypeIdentityBased},
		ok:   true,
	},
	"5.1 legacy on resource: role X, no reason (constructed)": {
		in:   "User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:PassRole on resource: role mq-role",
		want: Denial{Action: "iam:PassRole", Resource: "role mq-role", Principal: "arn:aws:iam::123456789012:user/x", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"5.1 access to the resource is denied (constructed)": {
		in:   "Access to the resource arn:aws:sqs:us-east-1:123456789012:queue is denied.",
		want: Denial{Resource: "arn:aws:sqs:us-east-1:123456789012:queue", Deny: iam.DenyUnknown},
		ok:   true,
	},
	"5.1 Access Denied": {
		in:   "Access Denied",
		want: Denial{Deny: iam.DenyUnknown},
		ok:   true,
	},
	"5.1 S3 XML Access Denied (constructed)": {
		in:   `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId><HostId>H</HostId></Error>`,
		want: Denial{Deny: iam.DenyUnknown, Code: "AccessDenied", Message: "Access Denied"},
		ok:   true,
	},
	"plain Forbidden": {
		in:   "Forbidden",
		want: Denial{Deny: iam.DenyUnknown},
		ok:   true,
	},
	"Forbidden with a non-denial code": {
		in:   "ConflictException: forbidden state transition",
		want: Denial{Code: "ConflictException", Message: "forbidden state transition"},
	},
	"not a denial": {
		in:   "Can't find requested broker [b-x].",
		want: Denial{},
	},
	"empty": {
		in:   "",
		want: Denial{},
	},
}

func TestParseIAMExamples(t *testing.T) {
	t.Parallel()
	for name, tc := range iamExamples {
		for _, p := range partitions {
			t.Run(name+"/"+p, func(t *testing.T) {
				t.Parallel()
				want := tc.want
				if want.Message == "" && tc.in != "" && !strings.HasPrefix(tc.in, "{") && !strings.HasPrefix(tc.in, "<") && want.Code == "" {
					want.Message = tc.in
				}
				want = want.inPartition(p)
				in := inPartition(tc.in, p)
				got, ok := Parse(in)
				if ok != tc.ok {
					t.Errorf("Parse(%q) ok = %v, want %v", in, ok, tc.ok)
				}
				if diff := diffDenial(got, want); diff != "" {
					t.Errorf("Parse(%q) mismatch (-want +got):\n%s", in, diff)
				}
				if op := Operation(in); op != tc.op {
					t.Errorf("Operation(%q) = %q, want %q", in, op, tc.op)
				}
			})
		}
	}
}

// diffDenial lists the fields in which got differs from want.
func diffDenial(got, want Denial) string {
	var b strings.Builder
	field := func(name, w, g string) {
		if w != g {
			b.WriteString("  " + name + ":\n    - " + quote(w) + "\n    + " + quote(g) + "\n")
		}
	}
	field("Action", want.Action, got.Action)
	field("Resource", want.Resource, got.Resource)
	field("Principal", want.Principal, got.Principal)
	field("Deny", string(want.Deny), string(got.Deny))
	field("PolicyType", string(want.PolicyType), string(got.PolicyType))
	field("PolicyARN", want.PolicyARN, got.PolicyARN)
	field("Through", string(want.Through), string(got.Through))
	field("EncodedMessage", want.EncodedMessage, got.EncodedMessage)
	field("Code", want.Code, got.Code)
	field("Message", want.Message, got.Message)
	return b.String()
}

func quote(s string) string {
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return `"` + s + `"`
}

// layerForm is a layer name as AWS writes it, with the article the
// explicit form uses and the normalized PolicyType.
type layerForm struct {
	article, written string
	want             iam.PolicyType
}

// layerForms are the layer names as AWS writes them; the last one is a
// layer this package does not know.
var layerForms = []layerForm{
	{"a", "service control policy", iam.PolicyTypeSCP},
	{"a", "resource control policy", iam.PolicyTypeRCP},
	{"an", "identity-based policy", iam.PolicyTypeIdentityBased},
	{"a", "resource-based policy", iam.PolicyTypeResourceBased},
	{"a", "permissions boundary", iam.PolicyTypePermissionsBoundary},
	{"a", "session policy", iam.PolicyTypeSession},
	{"a", "sessions policy", iam.PolicyTypeSession},
	{"a", "VPC endpoint policy", iam.PolicyTypeVPCEndpoint},
	{"the", "role trust policy", iam.PolicyTypeRoleTrust},
	{"a", "declarative policy", "declarative policy"}, // unknown layers pass through
}

// TestParseLayerMatrix fills in the elided "…" of iam.md §4.1: every layer,
// implicit and explicit, with and without a resource, with and without a
// policy ARN and a transitive layer, in every partition.
func TestParseLayerMatrix(t *testing.T) {
	t.Parallel()
	const (
		principal = "arn:aws:sts::123456789012:assumed-role/ops/alice@example.com"
		action    = "mq:CreateBroker"
		resource  = "arn:aws:mq:us-east-1:123456789012:broker:my-broker:b-6f570b6d-319c-4ce6-abb0-4d2068c57cf9"
		policyARN = "arn:aws:iam::123456789012:policy/DenyMQ"
	)
	for _, p := range partitions {
		for _, lf := range layerForms {
			for _, withResource := range []bool{false, true} {
				head := "User: " + principal + " is not authorized to perform: " + action
				want := Denial{Action: action, Principal: principal, Code: "", PolicyType: lf.want}
				if withResource {
					head += " on resource: " + resource
					want.Resource = resource
				}
				cases := map[string]Denial{}
				imp := want
				imp.Deny = iam.DenyImplicit
				cases[head+" because no "+lf.written+" allows the "+action+" action"] = imp
				exp := want
				exp.Deny = iam.DenyExplicit
				cases[head+" with an explicit deny in "+lf.article+" "+lf.written] = exp
				withARN := exp
				withARN.PolicyARN = policyARN
				cases[head+" with an explicit deny in "+lf.article+" "+lf.written+": "+policyARN] = withARN
				through := exp
				through.Through = iam.PolicyTypeSCP
				cases[head+" with an explicit deny in "+lf.article+" "+lf.written+" transitively through a service control policy"] = through
				both := through
				both.PolicyARN = policyARN
				cases[head+" with an explicit deny in "+lf.article+" "+lf.written+" transitively through a service control policy: "+policyARN+"."] = both

				for in, want := range cases {
					in := inPartition(in, p)
					want.Message = in
					want = want.inPartition(p)
					got, ok := Parse(in)
					if !ok {
						t.Errorf("Parse(%q) ok = false", in)
					}
					if diff := diffDenial(got, want); diff != "" {
						t.Errorf("Parse(%q) mismatch (-want +got):\n%s", in, diff)
					}
				}
			}
		}
	}
}

func TestParseNeverPanicsOnPrefixes(t *testing.T) {
	t.Parallel()
	// Every prefix of every example, to exercise each "ran out of input"
	// branch.
	for _, tc := range iamExamples {
		for i := range len(tc.in) {
			Parse(tc.in[:i])
			Operation(tc.in[:i])
		}
	}
}
