// Package mqtest is an embedded Amazon MQ API emulator, used like
// [net/http/httptest]: it serves the Amazon MQ REST API (2017-11-27) on a
// loopback port, faithfully enough that the official
// aws-sdk-go-v2/service/mq client, the AWS CLI and this module's client work
// against it unchanged, and it checks SigV4 signatures and IAM policies the
// way AWS does.
//
//	srv := mqtest.NewServer(t) // 127.0.0.1:<port>, closed when the test ends
//	c, err := client.NewFromConfig(srv.AWSConfig(), // endpoint, region, default keys
//		client.WithClock(srv.Clock().Now),         // sign on the emulator's clock
//		client.WithRetryer(mqtest.NoBackoffRetryer(3)))
//	b, err := c.WaitBrokerRunning(ctx, id, &client.WaitOptions{Sleep: srv.Clock().Sleep})
//
// [Server.AWSConfig] (and [Server.AWSConfigFor] for another principal)
// gives the endpoint, region and credentials as an aws.Config, which this
// module's client.NewFromConfig and the official SDK both take (mqtest does
// not import package client). [Clock.Sleep] lets a waiter pause on the
// emulator's time, [NoBackoffRetryer] retries injected faults at once, and
// [Handler.ClearFaults] removes the fault rules of a test phase.
//
// [NewUnstartedServer] lets Config be changed before [Server.Start] (or
// [Server.StartAt] for a fixed address, as `mqctl serve --listen` does) and
// accepts a nil [TB] for programs, which then call [Server.Close].
// [NewHandler] returns the emulator as an [http.Handler] to mount elsewhere.
//
// # Operations
//
// All 25 operations of [api.Operations] are served at their wire paths. The
// generated [Service] interface (service_gen.go, written by internal/gen from
// the model) has one typed method per operation; the emulator implements it,
// and each method is registered on an [http.ServeMux] at its operation's
// [api.Operation.Pattern], so an operation the emulator lacks does not
// compile. Labels are single path segments: an escaped slash (%2F) stays in
// its label. Successes answer the operation's status (204 with no body for
// CreateTags and DeleteTags, else 200 with a JSON body, "{}" for outputs
// without members). Every response has Content-Type application/json, an
// X-Amzn-RequestId and a Date from the emulator [Clock]. Errors carry
// X-Amzn-ErrorType: <code> and a body {"errorAttribute": ..., "message": ...}
// (errorAttribute left out when there is none; the emulator never fills the
// optional resourceShareErrors). A path that matches no operation, or
// matches one only with another method (HEAD included), is a 404
// UnknownOperationException (AWS's REST front ends answer 404 rather than
// 405; the message lists the methods the path supports); so is a path with
// empty, "." or ".." segments, which the mux would redirect.
//
// State: brokers (b-<uuid>, ARN arn:<partition>:mq:<region>:<account>:broker:<name>:<id>)
// move through CREATION_IN_PROGRESS, RUNNING, REBOOT_IN_PROGRESS and
// DELETION_IN_PROGRESS (then 404), each transition taking
// [WithBrokerCreateDelay] on the [Clock], computed lazily from it so that
// [Clock.Advance] drives them; configurations (c-<uuid>) with numbered
// revisions; users, whose ActiveMQ changes stay pending until a reboot
// applies them; tags on broker and configuration ARNs; the engine and
// instance-option catalogs; CRDR replica pairs and Promote; and idempotent
// CreateBroker by creatorRequestId, also under concurrent identical
// requests.
//
// The seven token-paged operations (the six list and catalog operations and
// DescribeSharedResources) take maxResults (1-100, 20 by default) and an
// opaque nextToken bound by an HMAC to the operation and what it lists; a
// bad one is a 400 naming "maxResults" or "nextToken". The last page has no
// nextToken.
//
// # Request pipeline
//
// A request is routed, its body read (413 PayloadTooLargeException above
// [WithMaxBodyBytes]), faults applied, then:
//
//   - authenticated with [signer.Verify] against the principals, on the
//     emulator clock: 403 MissingAuthenticationTokenException,
//     IncompleteSignatureException, UnrecognizedClientException (unknown key
//     or session token mismatch), ExpiredTokenException (a session past
//     [Principal.Expiration]) or InvalidSignatureException (a wrong
//     signature, more than 5 minutes of skew with AWS's "Signature expired:"
//     text, or a credential scope of another region or service);
//   - decoded with [api.Operation.DecodeHTTPRequest] and checked with
//     [api.Operation.ValidateStrict] (the client's checks, the documented
//     length limits of labels, strings and tags included, and unlike the
//     client's Validate it refuses enum values the API version does not
//     list): 400
//     BadRequestException whose errorAttribute is the first invalid member,
//     e.g. "The request failed because [brokerName] is required.";
//   - authorized: every action of [api.Operation.Needed] is evaluated, in
//     order, with the principal's policies; the first denied one answers 403
//     AccessDeniedException with AWS's message, e.g. "User:
//     arn:aws:iam::123456789012:user/alice is not authorized to perform:
//     mq:DescribeBroker on resource: arn:aws:mq:...:broker:b1:b-... because
//     no identity-based policy allows the mq:DescribeBroker action";
//   - run: the operation's [Service] method, and only now are existence
//     (404) and state (409) checked, as AWS authorizes before it looks a
//     resource up.
//
// # Principals and IAM
//
// Callers are [Principal] values: an access key and its IAM policies
// (identity-based, permissions boundary, session policy, service control
// policies), given with [WithPrincipals], read from a file with
// [LoadPrincipals], or changed at run time with [Handler.SetPrincipal].
// Without WithPrincipals the emulator knows [DefaultPrincipal], an
// administrator. A policy may be wrapped as {"arn": ..., "document": ...} so
// that denials name it. Principals are checked strictly, so that a policy
// cannot load and then never match: unknown members and policy elements, a
// Principal or NotPrincipal element in an identity policy, an action that is
// padded, holds an invisible character (a zero-width space) or names no
// Amazon MQ action, a resource or principal ARN that is not an ARN are
// errors, which LoadPrincipals reports with the file, line, column,
// principal and member.
//
// Actions are evaluated on these resources: "*" for actions without a
// resource type; the broker's ARN, or arn:...:broker:*:<id> for an ID that
// names no broker (the name is unknown before the lookup); the
// configuration ARN built from the ID; the ResourceArn of tag operations as
// sent; CreateBroker's dataReplicationPrimaryBrokerArn; the role a RabbitMQ
// configuration names in aws.arns.assume_role_arn (iam:PassRole); and the
// AWSServiceRoleForAmazonMQ service-linked role for the account's first
// broker (iam:CreateServiceLinkedRole). The condition context holds
// aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username,
// aws:RequestedRegion, aws:SecureTransport ("false" over plain HTTP),
// aws:CurrentTime, aws:EpochTime, aws:SourceIp,
// aws:MultiFactorAuthPresent, aws:RequestTag/<key> and aws:TagKeys for
// requests that carry tags (DeleteTags' tagKeys too), aws:ResourceTag/<key>
// from the target broker or configuration, and the action's own keys
// (iam:PassedToService, iam:AWSServiceName, ec2:AuthorizedService).
//
// # Engines, private networking and storage size
//
// The catalog offers ActiveMQ 5.19 (the default) and 5.18, and RabbitMQ 4.2
// (the default) and 3.13, as major.minor only: a patch release ("3.13.7") is
// refused with Amazon MQ's 400, errorAttribute engineVersion, "Broker engine
// version [3.13.7] is invalid for broker engine type [RABBITMQ]. Valid
// values: [4.2, 3.13]." (at UpdateBroker the valid values are those the
// broker can move to in place: RabbitMQ 3.13 does not upgrade in place to
// 4.2). Brokers on these versions must keep autoMinorVersionUpgrade true
// (400, errorAttribute autoMinorVersionUpgrade, "Brokers on [RabbitMQ]
// version [3.13] must have [autoMinorVersionUpgrade] set to [true].").
// A RabbitMQ broker takes exactly one user at CreateBroker with SIMPLE
// authentication ("Specify exactly one user for engine type [RABBITMQ].")
// and none with CONFIG_MANAGED or LDAP; the users API (CreateUser,
// UpdateUser, DeleteUser, DescribeUser, ListUsers) answers 400 for RabbitMQ
// brokers, errorAttribute broker-id, and DescribeBroker lists none of their
// users. A broker that is rebooting cannot be deleted (409
// ConflictException, errorAttribute broker-id).
// RabbitMQ 4.2 runs on the mq.m7g instance types only: CreateBroker and
// UpdateBroker refuse it elsewhere (400, errorAttribute engineVersion, or
// hostInstanceType when only the instance type changes), a RabbitMQ broker
// created without engineVersion gets the newest version its instance type
// runs (3.13 on mq.t3 and mq.m5), and DescribeBrokerInstanceOptions lists
// the versions of each instance type.
//
// UpdateBroker's resourceShareArns, for RabbitMQ brokers only (400 for
// ActiveMQ, errorAttribute resourceShareArns, as for an ARN that is not
// arn:<partition>:ram:<region>:<account>:resource-share/<id> or is listed
// twice), is the broker's target list of AWS RAM resource shares. It stays
// pending until the next reboot, which replaces the applied list with it.
// DescribeSharedResources (RabbitMQ brokers only: 400 for ActiveMQ, 404 for
// an unknown broker, authorized as mq:DescribeSharedResources on the broker)
// pages through one entry per share, of Type RESOURCE_SHARE, with
// ResourceArn and ResourceShareArns the share's ARN: AVAILABLE once applied,
// PENDING_CREATE while waiting for the reboot, PENDING_DELETE for an applied
// share the pending list leaves out.
//
// storageSize (GB) is accepted on CreateBroker and UpdateBroker for RabbitMQ
// 4.2 brokers of deployment mode CLUSTER_MULTI_AZ only (the version the
// broker runs after the request, so an upgrade to 4.2 may set it), and must
// be positive; anything else is a 400 with errorAttribute storageSize.
// DescribeBroker shows it as storageSize; an UpdateBroker change shows as
// pendingStorageSize until the next reboot applies it. CreateBroker's
// response stays brokerArn and brokerId.
//
// Inferred, as the sources leave these open (mq-api-2026.md §9): that the
// list replaces the applied shares rather than adding to them, an empty list
// detaching them all; that the change waits for the reboot like the other
// pending changes and how its entries are reported meanwhile; that the
// operation answers 400 for ActiveMQ brokers; the errorAttribute and
// messages of these 400s; the storageSize bounds (the service's ranges per
// instance size are not documented: only a positive size is required, and
// a broker created without one reports none); that storageSize is refused,
// not ignored, for other engines, versions and deployment modes; and the
// default RabbitMQ version per instance type. Shares are not resolved: any
// well-formed ARN is accepted, of any account, and no share has resources
// (RESOURCE entries), DNS names or errors, and no error carries
// resourceShareErrors. The caller needs no AWS RAM or VPC Lattice
// permission besides mq:UpdateBroker.
//
// # Faults
//
// [Handler.FailNext] fails the next n calls of an operation and
// [Handler.SetFaultRate] fails a seeded random share of all calls. Fault500,
// Fault503, FaultThrottle (429 ThrottlingException "Rate exceeded") and
// FaultReset are answered instead of processing, so they never change the
// state; FaultTruncate (full Content-Length, half the body, then the
// connection closes) and FaultResetAfter process the request first, so the
// change happens and only the response is lost, as on a real network.
// FaultLatency waits and then serves normally; any fault can carry a
// Latency, waited without holding a lock and cut short by Close.
// [Handler.ClearFaults] removes every rule and the rate. [NoBackoffRetryer]
// is AWS's standard retryer without delays or retry quota, for clients that
// should retry injected faults at once (client.WithRetryer).
//
// A test that moves the emulator [Clock] gives the client the same clock,
// client.WithClock(clk.Now) (see [WithClock]).
//
// # Inspection
//
// [Handler.Requests] returns the request log: a ring of the last
// [DefaultRequestLog] requests ([WithRequestLog] sets the length, 0 turns it
// off; `mqctl serve` keeps none unless given --request-log N), bounded also
// to [DefaultRequestLogBytes] in all, so no load grows it without bound.
// The signature and the session token are redacted; the body is kept only
// for a request that was authenticated and authorized, with the members the
// model marks sensitive (passwords) redacted by the model's one rule
// ([api.Operation.RedactBody]). [Handler.BrokerCount] and
// [Handler.Brokers] show the brokers; [Handler.Snapshot] and
// [Handler.Restore] save and load the whole state as JSON.
//
// # Persistence
//
// With [WithStateFile] (`mqctl serve --state FILE`) the state lives in a
// bbolt database, mode 0600, one file and no other: a record per broker
// (with its users and pending changes), per configuration (with its
// revisions) and per creatorRequestId, and meta keys for the ID generator,
// the creation counter and the page-token key. A change writes only the
// records its request reached, in one transaction that is fsynced before
// the client is answered; a change whose transaction fails is undone in
// memory and answered 500 InternalServerError, so what the emulator serves
// is always what the file holds. bbolt's copy-on-write pages make a crash
// at any point leave the last committed state, and its file lock makes a
// second Handler or `mqctl serve` on the same file fail to start with an
// error naming it; [Handler.Close] and [Server.Close] release it. The ID
// generator's state is saved with each change, so IDs never repeat across
// restarts, deleted resources' included. The state is loaded at start (a
// missing file is an empty state; a corrupt, locked or unreadable one is an
// error from [NewHandlerE] and [Server.Start], never silently discarded); a
// JSON state file of an earlier version ([Handler.Snapshot]'s format) is
// converted in place. Principals and passwords are never written: the
// emulator does not keep passwords at all.
//
// Requests cost O(log n) or O(1) in the number of brokers and
// configurations: lists are read from an ordered index by (creation
// sequence, ID), names and configuration use from maps, and lifecycle
// transitions from a min-heap, so no request walks every broker.
//
// # Real engines
//
// With [WithEngines] every broker is backed by a real engine, a local
// process started for it (see [EngineOptions] for where the installations
// are; [NewHandlerE] fails naming the Debian packages to install when one
// is missing): Debian's RabbitMQ for RABBITMQ brokers, Debian's ActiveMQ
// for ACTIVEMQ ones. What is real: each engine runs in its own directory
// on free loopback ports; CREATION_IN_PROGRESS and REBOOT_IN_PROGRESS last
// at least [WithBrokerCreateDelay] and until every endpoint of the engine
// accepts a TLS handshake, DELETION_IN_PROGRESS until it has stopped;
// DescribeBroker lists the real endpoints (RabbitMQ amqps:// and its
// management console over https; ActiveMQ ssl://, stomp+ssl:// and
// mqtt+ssl://), served with certificates of a CA made in memory
// ([Handler.EngineCA], [Handler.EngineCAPEM]); the users of CreateBroker
// exist on the engine with their passwords (and, on ActiveMQ, their
// groups, in a simpleAuthenticationPlugin); ActiveMQ user changes and any
// configuration revision take effect at the next RebootBroker, which
// restarts the engine with its data; DeleteBroker removes the engine and
// its data; closing the server stops every engine, and on Linux an engine
// never outlives a killed emulator. The passwords the engines need are
// kept in each engine's directory (mode 0600), never in the state file.
//
// What is simplified: the engines are the installed versions (Debian:
// RabbitMQ 3.10, ActiveMQ 5.17; [Handler.EngineVersions]) whatever
// EngineVersion the broker reports; one engine serves every instance of a
// multi-instance broker; ActiveMQ has no amqp+ssl:// or wss:// transport
// and no web console (Debian's package ships neither) and RabbitMQ's users
// other than the administrator are managed in the engine; an engine that
// fails to start is logged and its broker stays in progress instead of
// CREATION_FAILED; a RabbitMQ revision is rabbitmq.conf lines, of which
// the keys the emulator owns (listeners, TLS, the default user, the
// management listener) are dropped; an ActiveMQ revision's <broker> is
// merged with the emulator's, which keeps its transport connectors,
// persistence adapter, SSL context, paths and authentication plugin; the
// maintenance window applies nothing.
//
// # What the emulator simplifies
//
// mqtest implements a simplified form of the service; it may behave
// differently from Amazon MQ in ways such as these:
//
//   - Without [WithEngines] no broker runs: endpoints, console URLs, IP
//     addresses, default subnets and security groups are made up, and
//     nothing listens on them.
//   - Lifecycles take a fixed, configurable time on the emulator clock
//     instead of many minutes; creation never fails, and maintenance
//     windows never apply anything.
//   - Validation follows the documented limits and a few engine rules
//     (engine versions and instance types of a small catalog, deployment
//     modes, storage types, RabbitMQ's single administrative user and lack
//     of audit logs, well-formed XML for ActiveMQ configurations); error
//     messages are readable approximations of MQ's, except those quoted
//     above (engine versions, autoMinorVersionUpgrade, RabbitMQ users, AWS's
//     access-denied messages), which are its exact words.
//     Configuration data is not sanitized, so UpdateConfiguration warnings
//     are always empty.
//   - A broker created without a configuration gets none (Amazon MQ makes a
//     default one for ActiveMQ). Configuration names need not be unique.
//   - A repeated creatorRequestId returns the broker it created, whatever
//     the rest of the request says, for as long as that broker exists.
//     Deleting a broker that is already being deleted succeeds again.
//   - Each principal acts in the account of its ARN, which owns what it
//     creates; IDs resolve in the caller's account only (another account's
//     broker or configuration is not found, 404), listings show the
//     caller's account's resources, and an ARN of another account (tags,
//     the primary broker of a replica) is denied as AWS denies a
//     cross-account request that no resource-based policy allows. The
//     service-linked role is one for all accounts.
//   - IAM is a subset: only the principal's own policies are evaluated (no
//     resource-based policies, which Amazon MQ lacks anyway, no permissions
//     of the service acting on the caller's behalf), the condition keys are
//     the ones listed above, policy variables resolve only from them, and
//     the EC2 and service-linked-role permissions are checked synchronously
//     at CreateBroker rather than surfacing as CREATION_FAILED.
//   - The catalogs of engine versions, instance types and availability
//     zones are a fixed, plausible list, not the region's; upgrades and
//     downgrades between any two catalog versions of an engine are allowed,
//     except RabbitMQ 3.13 to 4.2. Messages of the rules whose exact words
//     Amazon MQ does not document (RabbitMQ users with CONFIG_MANAGED or
//     LDAP, the users API on RabbitMQ, deleting a rebooting broker) are the
//     emulator's own.
//   - Throttling happens only when injected.
//   - Lifecycle transitions happen when the next request (or inspection
//     method) looks, not on a timer; with a state file they are saved then.
//   - Changes are serialized: each waits for its own fsync under the
//     emulator's lock (no group commit), so a state file limits writes to
//     what one fsync at a time allows, and two processes cannot share one
//     state file.
package mqtest
