// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

import "time"

// ActionRequired: Action required for a broker.
type ActionRequired struct {
	// The code you can use to find instructions on the action required to resolve your broker issue.
	ActionRequiredCode string `json:"actionRequiredCode,omitzero"`
	// Information about the action required to resolve your broker issue.
	ActionRequiredInfo string `json:"actionRequiredInfo,omitzero"`
}

// AvailabilityZone: Name of the availability zone.
type AvailabilityZone struct {
	// Id for the availability zone.
	Name string `json:"name,omitzero"`
}

// BrokerEngineType: Types of broker engines.
type BrokerEngineType struct {
	// The broker's engine type.
	EngineType EngineType `json:"engineType,omitzero"`
	// The list of engine versions.
	EngineVersions []EngineVersion `json:"engineVersions,omitzero"`
}

// BrokerInstance: Returns information about all brokers.
type BrokerInstance struct {
	// The brokers web console URL.
	ConsoleURL string `json:"consoleURL,omitzero"`
	// The broker's wire-level protocol endpoints.
	Endpoints []string `json:"endpoints,omitzero"`
	// The IP address of the Elastic Network Interface (ENI) attached to the broker.
	IPAddress string `json:"ipAddress,omitzero" mq:"name=IpAddress"`
}

// BrokerInstanceOption: Option for host instance type.
type BrokerInstanceOption struct {
	// The list of available az.
	AvailabilityZones []AvailabilityZone `json:"availabilityZones,omitzero"`
	// The broker's engine type.
	EngineType EngineType `json:"engineType,omitzero"`
	// The broker's instance type.
	HostInstanceType string `json:"hostInstanceType,omitzero"`
	// The broker's storage type.
	StorageType BrokerStorageType `json:"storageType,omitzero"`
	// The list of supported deployment modes.
	SupportedDeploymentModes []DeploymentMode `json:"supportedDeploymentModes,omitzero"`
	// The list of supported engine versions.
	SupportedEngineVersions []string `json:"supportedEngineVersions,omitzero"`
}

// BrokerSummary: Returns information about all brokers.
type BrokerSummary struct {
	// The broker's Amazon Resource Name (ARN).
	BrokerARN string `json:"brokerArn,omitzero" mq:"name=BrokerArn"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
	// The broker's name. This value is unique in your Amazon Web Services account, 1-50 characters long, and
	// containing only letters, numbers, dashes, and underscores, and must not contain white spaces, brackets,
	// wildcard characters, or special characters.
	BrokerName string `json:"brokerName,omitzero"`
	// The broker's status.
	BrokerState BrokerState `json:"brokerState,omitzero"`
	// The time when the broker was created.
	Created time.Time `json:"created,omitzero"`
	// The broker's deployment mode.
	DeploymentMode DeploymentMode `json:"deploymentMode,omitzero"`
	// The type of broker engine.
	EngineType EngineType `json:"engineType,omitzero"`
	// The broker's instance type.
	HostInstanceType string `json:"hostInstanceType,omitzero"`
}

// Configuration: Returns information about all configurations.
type Configuration struct {
	// The ARN of the configuration.
	ARN string `json:"arn,omitzero" mq:"name=Arn"`
	// The authentication strategy associated with the configuration.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// The date and time of the configuration revision.
	Created time.Time `json:"created,omitzero"`
	// The description of the configuration.
	Description string `json:"description,omitzero"`
	// The type of broker engine. Currently, Amazon MQ supports ACTIVEMQ and RABBITMQ.
	EngineType EngineType `json:"engineType,omitzero"`
	// The broker engine version. Defaults to the latest available version for the specified broker engine type.
	EngineVersion string `json:"engineVersion,omitzero"`
	// The unique ID that Amazon MQ generates for the configuration.
	ID string `json:"id,omitzero" mq:"name=Id"`
	// The latest revision of the configuration.
	LatestRevision *ConfigurationRevision `json:"latestRevision,omitzero"`
	// The name of the configuration. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- .
	Name string `json:"name,omitzero"`
	// The list of all tags associated with this configuration.
	Tags map[string]string `json:"tags,omitzero"`
}

// ConfigurationID: A list of information about the configuration.
type ConfigurationID struct {
	// The unique ID that Amazon MQ generates for the configuration. Required.
	ID string `json:"id,omitzero" mq:"required,name=Id"`
	// The revision number of the configuration.
	Revision int32 `json:"revision,omitzero"`
}

// ConfigurationRevision: Returns information about the specified configuration revision.
type ConfigurationRevision struct {
	// The date and time of the configuration revision.
	Created time.Time `json:"created,omitzero"`
	// The description of the configuration revision.
	Description string `json:"description,omitzero"`
	// The revision number of the configuration.
	Revision int32 `json:"revision,omitzero"`
}

// Configurations: Broker configuration information
type Configurations struct {
	// The broker's current configuration.
	Current *ConfigurationID `json:"current,omitzero"`
	// The history of configurations applied to the broker.
	History []ConfigurationID `json:"history,omitzero"`
	// The broker's pending configuration.
	Pending *ConfigurationID `json:"pending,omitzero"`
}

// DataReplicationCounterpart: Specifies a broker in a data replication pair.
type DataReplicationCounterpart struct {
	// The unique broker id generated by Amazon MQ.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
	// The region of the broker.
	Region string `json:"region,omitzero"`
}

// DataReplicationMetadataOutput: The replication details of the data replication-enabled broker.
type DataReplicationMetadataOutput struct {
	// Describes the replica/primary broker. Only returned if this broker is currently set as a primary or replica
	// in the broker's dataReplicationRole property.
	DataReplicationCounterpart *DataReplicationCounterpart `json:"dataReplicationCounterpart,omitzero"`
	// Defines the role of this broker in a data replication pair. When a replica broker is promoted to primary,
	// this role is interchanged.
	DataReplicationRole string `json:"dataReplicationRole,omitzero"`
}

// EncryptionOptions: Encryption options for the broker.
type EncryptionOptions struct {
	// The customer master key (CMK) to use for the A KMS (KMS). This key is used to encrypt your data at rest.
	KMSKeyID string `json:"kmsKeyId,omitzero" mq:"name=KmsKeyId"`
	// Enables the use of an Amazon Web Services owned CMK using KMS (KMS). Required.
	UseAwsOwnedKey *bool `json:"useAwsOwnedKey,omitzero" mq:"required"`
}

// EngineVersion: Id of the engine version.
type EngineVersion struct {
	// Id for the version.
	Name string `json:"name,omitzero"`
}

// LdapServerMetadataInput: The metadata of the LDAP server used to authenticate and authorize connections to the
// broker.
type LdapServerMetadataInput struct {
	// Specifies the location of the LDAP server such as Directory Service for Microsoft Active Directory. Required.
	Hosts []string `json:"hosts,omitzero" mq:"required"`
	// The distinguished name of the node in the directory information tree (DIT) to search for roles or groups.
	// Required.
	RoleBase string `json:"roleBase,omitzero" mq:"required"`
	// Specifies the LDAP attribute that identifies the group name attribute in the object returned from the group
	// membership query.
	RoleName string `json:"roleName,omitzero"`
	// The LDAP search filter used to find roles within the roleBase. Required.
	RoleSearchMatching string `json:"roleSearchMatching,omitzero" mq:"required"`
	// The directory search scope for the role. If set to true, scope is to search the entire subtree.
	RoleSearchSubtree *bool `json:"roleSearchSubtree,omitzero"`
	// Service account password. A service account is an account in your LDAP server that has access to initiate a
	// connection. Required.
	ServiceAccountPassword string `json:"serviceAccountPassword,omitzero" mq:"required,secret"`
	// Service account username. A service account is an account in your LDAP server that has access to initiate a
	// connection. Required.
	ServiceAccountUsername string `json:"serviceAccountUsername,omitzero" mq:"required"`
	// Select a particular subtree of the directory information tree (DIT) to search for user entries. Required.
	UserBase string `json:"userBase,omitzero" mq:"required"`
	// Specifies the name of the LDAP attribute for the user group membership.
	UserRoleName string `json:"userRoleName,omitzero"`
	// The LDAP search filter used to find users within the userBase. Required.
	UserSearchMatching string `json:"userSearchMatching,omitzero" mq:"required"`
	// The directory search scope for the user. If set to true, scope is to search the entire subtree.
	UserSearchSubtree *bool `json:"userSearchSubtree,omitzero"`
}

// LdapServerMetadataOutput: The metadata of the LDAP server used to authenticate and authorize connections to
// the broker.
type LdapServerMetadataOutput struct {
	// Specifies the location of the LDAP server such as Directory Service for Microsoft Active Directory.
	Hosts []string `json:"hosts,omitzero"`
	// The distinguished name of the node in the directory information tree (DIT) to search for roles or groups.
	RoleBase string `json:"roleBase,omitzero"`
	// Specifies the LDAP attribute that identifies the group name attribute in the object returned from the group
	// membership query.
	RoleName string `json:"roleName,omitzero"`
	// The LDAP search filter used to find roles within the roleBase.
	RoleSearchMatching string `json:"roleSearchMatching,omitzero"`
	// The directory search scope for the role. If set to true, scope is to search the entire subtree.
	RoleSearchSubtree *bool `json:"roleSearchSubtree,omitzero"`
	// Service account username. A service account is an account in your LDAP server that has access to initiate a
	// connection.
	ServiceAccountUsername string `json:"serviceAccountUsername,omitzero"`
	// Select a particular subtree of the directory information tree (DIT) to search for user entries.
	UserBase string `json:"userBase,omitzero"`
	// Specifies the name of the LDAP attribute for the user group membership.
	UserRoleName string `json:"userRoleName,omitzero"`
	// The LDAP search filter used to find users within the userBase.
	UserSearchMatching string `json:"userSearchMatching,omitzero"`
	// The directory search scope for the user. If set to true, scope is to search the entire subtree.
	UserSearchSubtree *bool `json:"userSearchSubtree,omitzero"`
}

// Logs: The list of information about logs to be enabled for the specified broker.
type Logs struct {
	// Enables audit logging. Every user management action made using JMX or the ActiveMQ Web Console is logged.
	Audit *bool `json:"audit,omitzero"`
	// Enables general logging.
	General *bool `json:"general,omitzero"`
}

// LogsSummary: The list of information about logs currently enabled and pending to be deployed for the specified
// broker.
type LogsSummary struct {
	// Enables audit logging. Every user management action made using JMX or the ActiveMQ Web Console is logged.
	Audit *bool `json:"audit,omitzero"`
	// The location of the CloudWatch Logs log group where audit logs are sent.
	AuditLogGroup string `json:"auditLogGroup,omitzero"`
	// Enables general logging.
	General *bool `json:"general,omitzero"`
	// The location of the CloudWatch Logs log group where general logs are sent.
	GeneralLogGroup string `json:"generalLogGroup,omitzero"`
	// The list of information about logs pending to be deployed for the specified broker.
	Pending *PendingLogs `json:"pending,omitzero"`
}

// PendingLogs: The list of information about logs to be enabled for the specified broker.
type PendingLogs struct {
	// Enables audit logging. Every user management action made using JMX or the ActiveMQ Web Console is logged.
	Audit *bool `json:"audit,omitzero"`
	// Enables general logging.
	General *bool `json:"general,omitzero"`
}

// SanitizationWarning: Returns information about the configuration element or attribute that was sanitized in
// the configuration.
type SanitizationWarning struct {
	// The name of the configuration attribute that has been sanitized.
	AttributeName string `json:"attributeName,omitzero"`
	// The name of the configuration element that has been sanitized.
	ElementName string `json:"elementName,omitzero"`
	// The reason for which the configuration elements or attributes were sanitized.
	Reason SanitizationWarningReason `json:"reason,omitzero"`
}

// User: A user associated with the broker. For Amazon MQ for RabbitMQ brokers, one and only one administrative
// user is accepted and created when a broker is first provisioned.
type User struct {
	// Enables access to the ActiveMQ Web Console for the ActiveMQ user.
	ConsoleAccess *bool `json:"consoleAccess,omitzero"`
	// The list of groups (20 maximum) to which the ActiveMQ user belongs.
	Groups []string `json:"groups,omitzero"`
	// The password of the user. This value must be at least 12 characters long, must contain at least 4 unique
	// characters, and must not contain commas, colons, or equal signs (,:=). Required.
	Password string `json:"password,omitzero" mq:"required,secret"`
	// Defines if this user is intended for CRDR replication purposes.
	ReplicationUser *bool `json:"replicationUser,omitzero"`
	// The username of the broker user. The following restrictions apply to broker usernames: For Amazon MQ for
	// ActiveMQ brokers, this value can contain only alphanumeric characters, dashes, periods, underscores, and
	// tildes (- . Required.
	Username string `json:"username,omitzero" mq:"required"`
}

// UserPendingChanges: Returns information about the status of the changes pending for the ActiveMQ user.
type UserPendingChanges struct {
	// Enables access to the the ActiveMQ Web Console for the ActiveMQ user.
	ConsoleAccess *bool `json:"consoleAccess,omitzero"`
	// The list of groups (20 maximum) to which the ActiveMQ user belongs.
	Groups []string `json:"groups,omitzero"`
	// The type of change pending for the ActiveMQ user.
	PendingChange ChangeType `json:"pendingChange,omitzero"`
}

// UserSummary: Returns a list of all broker users. Does not apply to RabbitMQ brokers.
type UserSummary struct {
	// The type of change pending for the broker user.
	PendingChange ChangeType `json:"pendingChange,omitzero"`
	// The username of the broker user. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- .
	Username string `json:"username,omitzero"`
}

// WeeklyStartTime: The scheduled time period relative to UTC during which Amazon MQ begins to apply pending
// updates or patches to the broker.
type WeeklyStartTime struct {
	// The day of the week. Required.
	DayOfWeek DayOfWeek `json:"dayOfWeek,omitzero" mq:"required"`
	// The time, in 24-hour format. Required.
	TimeOfDay string `json:"timeOfDay,omitzero" mq:"required"`
	// The time zone, UTC by default, in either the Country/City format, or the UTC offset format.
	TimeZone string `json:"timeZone,omitzero"`
}
