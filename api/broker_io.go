// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

import "time"

// CreateBrokerInput is the input of CreateBroker: creates a broker. Note: This API is asynchronous.
type CreateBrokerInput struct {
	// The authentication strategy used to secure the broker. The default is SIMPLE.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// Enables automatic upgrades to new patch versions for brokers as new versions are released and supported by
	// Amazon MQ.
	AutoMinorVersionUpgrade *bool `json:"autoMinorVersionUpgrade,omitzero"`
	// The broker's name. This value must be unique in your Amazon Web Services account, 1-50 characters long, must
	// contain only letters, numbers, dashes, and underscores, and must not contain white spaces, brackets, wildcard
	// characters, or special characters. Required.
	BrokerName string `json:"brokerName,omitzero" mq:"required"`
	// A list of information about the configuration.
	Configuration *ConfigurationID `json:"configuration,omitzero"`
	// The unique ID that the requester receives for the created broker.
	CreatorRequestID string `json:"creatorRequestId,omitzero" mq:"idempotency,name=CreatorRequestId"`
	// Defines whether this broker is a part of a data replication pair.
	DataReplicationMode DataReplicationMode `json:"dataReplicationMode,omitzero"`
	// The Amazon Resource Name (ARN) of the primary broker that is used to replicate data from in a data
	// replication pair, and is applied to the replica broker.
	DataReplicationPrimaryBrokerARN string `json:"dataReplicationPrimaryBrokerArn,omitzero" mq:"name=DataReplicationPrimaryBrokerArn"`
	// The broker's deployment mode. Required.
	DeploymentMode DeploymentMode `json:"deploymentMode,omitzero" mq:"required"`
	// Encryption options for the broker.
	EncryptionOptions *EncryptionOptions `json:"encryptionOptions,omitzero"`
	// The type of broker engine. Currently, Amazon MQ supports ACTIVEMQ and RABBITMQ. Required.
	EngineType EngineType `json:"engineType,omitzero" mq:"required"`
	// The broker engine version. Defaults to the latest available version for the specified broker engine type.
	EngineVersion string `json:"engineVersion,omitzero"`
	// The broker's instance type. Required.
	HostInstanceType string `json:"hostInstanceType,omitzero" mq:"required"`
	// The metadata of the LDAP server used to authenticate and authorize connections to the broker.
	LdapServerMetadata *LdapServerMetadataInput `json:"ldapServerMetadata,omitzero"`
	// Enables Amazon CloudWatch logging for brokers.
	Logs *Logs `json:"logs,omitzero"`
	// The parameters that determine the WeeklyStartTime.
	MaintenanceWindowStartTime *WeeklyStartTime `json:"maintenanceWindowStartTime,omitzero"`
	// Enables connections from applications outside of the VPC that hosts the broker's subnets. Required.
	PubliclyAccessible *bool `json:"publiclyAccessible,omitzero" mq:"required"`
	// The list of rules (1 minimum, 125 maximum) that authorize connections to brokers.
	SecurityGroups []string `json:"securityGroups,omitzero"`
	// The broker's storage type.
	StorageType BrokerStorageType `json:"storageType,omitzero"`
	// The list of groups that define which subnets and IP ranges the broker can use from different Availability
	// Zones.
	SubnetIDs []string `json:"subnetIds,omitzero" mq:"name=SubnetIds"`
	// Create tags when creating the broker.
	Tags map[string]string `json:"tags,omitzero"`
	// The list of broker users (persons or applications) who can access queues and topics.
	Users []User `json:"users,omitzero"`
}

// CreateBrokerOutput is the result of CreateBroker.
type CreateBrokerOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The broker's Amazon Resource Name (ARN).
	BrokerARN string `json:"brokerArn,omitzero" mq:"name=BrokerArn"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
}

// DeleteBrokerInput is the input of DeleteBroker: deletes a broker. Note: This API is asynchronous.
type DeleteBrokerInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
}

// DeleteBrokerOutput is the result of DeleteBroker.
type DeleteBrokerOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
}

// DescribeBrokerInput is the input of DescribeBroker: returns information about the specified broker.
type DescribeBrokerInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
}

// DescribeBrokerOutput is the result of DescribeBroker.
type DescribeBrokerOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// Actions required for a broker.
	ActionsRequired []ActionRequired `json:"actionsRequired,omitzero"`
	// The authentication strategy used to secure the broker. The default is SIMPLE.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// Enables automatic upgrades to new patch versions for brokers as new versions are released and supported by
	// Amazon MQ.
	AutoMinorVersionUpgrade *bool `json:"autoMinorVersionUpgrade,omitzero"`
	// The broker's Amazon Resource Name (ARN).
	BrokerARN string `json:"brokerArn,omitzero" mq:"name=BrokerArn"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
	// A list of information about allocated brokers.
	BrokerInstances []BrokerInstance `json:"brokerInstances,omitzero"`
	// The broker's name. This value must be unique in your Amazon Web Services account account, 1-50 characters
	// long, must contain only letters, numbers, dashes, and underscores, and must not contain white spaces,
	// brackets, wildcard characters, or special characters.
	BrokerName string `json:"brokerName,omitzero"`
	// The broker's status.
	BrokerState BrokerState `json:"brokerState,omitzero"`
	// The list of all revisions for the specified configuration.
	Configurations *Configurations `json:"configurations,omitzero"`
	// The time when the broker was created.
	Created time.Time `json:"created,omitzero"`
	// The replication details of the data replication-enabled broker.
	DataReplicationMetadata *DataReplicationMetadataOutput `json:"dataReplicationMetadata,omitzero"`
	// Describes whether this broker is a part of a data replication pair.
	DataReplicationMode DataReplicationMode `json:"dataReplicationMode,omitzero"`
	// The broker's deployment mode.
	DeploymentMode DeploymentMode `json:"deploymentMode,omitzero"`
	// Encryption options for the broker.
	EncryptionOptions *EncryptionOptions `json:"encryptionOptions,omitzero"`
	// The type of broker engine. Currently, Amazon MQ supports ACTIVEMQ and RABBITMQ.
	EngineType EngineType `json:"engineType,omitzero"`
	// The broker engine version. For more information, see the ActiveMQ version management and the RabbitMQ version
	// management sections in the Amazon MQ Developer Guide.
	EngineVersion string `json:"engineVersion,omitzero"`
	// The broker's instance type.
	HostInstanceType string `json:"hostInstanceType,omitzero"`
	// The metadata of the LDAP server used to authenticate and authorize connections to the broker.
	LdapServerMetadata *LdapServerMetadataOutput `json:"ldapServerMetadata,omitzero"`
	// The list of information about logs currently enabled and pending to be deployed for the specified broker.
	Logs *LogsSummary `json:"logs,omitzero"`
	// The parameters that determine the WeeklyStartTime.
	MaintenanceWindowStartTime *WeeklyStartTime `json:"maintenanceWindowStartTime,omitzero"`
	// The authentication strategy that will be applied when the broker is rebooted.
	PendingAuthenticationStrategy AuthenticationStrategy `json:"pendingAuthenticationStrategy,omitzero"`
	// The pending replication details of the data replication-enabled broker.
	PendingDataReplicationMetadata *DataReplicationMetadataOutput `json:"pendingDataReplicationMetadata,omitzero"`
	// Describes whether this broker will be a part of a data replication pair after reboot.
	PendingDataReplicationMode DataReplicationMode `json:"pendingDataReplicationMode,omitzero"`
	// The broker engine version to upgrade to. For more information, see the ActiveMQ version management and the
	// RabbitMQ version management sections in the Amazon MQ Developer Guide.
	PendingEngineVersion string `json:"pendingEngineVersion,omitzero"`
	// The broker's host instance type to upgrade to. For a list of supported instance types, see Broker instance
	// types .
	PendingHostInstanceType string `json:"pendingHostInstanceType,omitzero"`
	// The metadata of the LDAP server that will be used to authenticate and authorize connections to the broker
	// after it is rebooted.
	PendingLdapServerMetadata *LdapServerMetadataOutput `json:"pendingLdapServerMetadata,omitzero"`
	// The list of pending security groups to authorize connections to brokers.
	PendingSecurityGroups []string `json:"pendingSecurityGroups,omitzero"`
	// Enables connections from applications outside of the VPC that hosts the broker's subnets.
	PubliclyAccessible *bool `json:"publiclyAccessible,omitzero"`
	// The list of rules (1 minimum, 125 maximum) that authorize connections to brokers.
	SecurityGroups []string `json:"securityGroups,omitzero"`
	// The broker's storage type.
	StorageType BrokerStorageType `json:"storageType,omitzero"`
	// The list of groups that define which subnets and IP ranges the broker can use from different Availability
	// Zones.
	SubnetIDs []string `json:"subnetIds,omitzero" mq:"name=SubnetIds"`
	// The list of all tags associated with this broker.
	Tags map[string]string `json:"tags,omitzero"`
	// The list of all broker usernames for the specified broker.
	Users []UserSummary `json:"users,omitzero"`
}

// ListBrokersInput is the input of ListBrokers: returns a list of all brokers.
type ListBrokersInput struct {
	// The maximum number of brokers that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"-" mq:"query=maxResults"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"-" mq:"query=nextToken"`
}

// ListBrokersOutput is the result of ListBrokers.
type ListBrokersOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// A list of information about all brokers.
	BrokerSummaries []BrokerSummary `json:"brokerSummaries,omitzero"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"nextToken,omitzero"`
}

// RebootBrokerInput is the input of RebootBroker: reboots a broker. Note: This API is asynchronous.
type RebootBrokerInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
}

// RebootBrokerOutput is the result of RebootBroker.
type RebootBrokerOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
}

// UpdateBrokerInput is the input of UpdateBroker: adds a pending configuration change to a broker.
type UpdateBrokerInput struct {
	// The authentication strategy used to secure the broker. The default is SIMPLE.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// Enables automatic upgrades to new patch versions for brokers as new versions are released and supported by
	// Amazon MQ.
	AutoMinorVersionUpgrade *bool `json:"autoMinorVersionUpgrade,omitzero"`
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// A list of information about the configuration.
	Configuration *ConfigurationID `json:"configuration,omitzero"`
	// Defines whether this broker is a part of a data replication pair.
	DataReplicationMode DataReplicationMode `json:"dataReplicationMode,omitzero"`
	// The broker engine version. For more information, see the ActiveMQ version management and the RabbitMQ version
	// management sections in the Amazon MQ Developer Guide.
	EngineVersion string `json:"engineVersion,omitzero"`
	// The broker's host instance type to upgrade to. For a list of supported instance types, see Broker instance
	// types .
	HostInstanceType string `json:"hostInstanceType,omitzero"`
	// The metadata of the LDAP server used to authenticate and authorize connections to the broker.
	LdapServerMetadata *LdapServerMetadataInput `json:"ldapServerMetadata,omitzero"`
	// Enables Amazon CloudWatch logging for brokers.
	Logs *Logs `json:"logs,omitzero"`
	// The parameters that determine the WeeklyStartTime.
	MaintenanceWindowStartTime *WeeklyStartTime `json:"maintenanceWindowStartTime,omitzero"`
	// The list of security groups (1 minimum, 5 maximum) that authorizes connections to brokers.
	SecurityGroups []string `json:"securityGroups,omitzero"`
}

// UpdateBrokerOutput is the result of UpdateBroker.
type UpdateBrokerOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The authentication strategy used to secure the broker. The default is SIMPLE.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// Enables automatic upgrades to new patch versions for brokers as new versions are released and supported by
	// Amazon MQ.
	AutoMinorVersionUpgrade *bool `json:"autoMinorVersionUpgrade,omitzero"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
	// The ID of the updated configuration.
	Configuration *ConfigurationID `json:"configuration,omitzero"`
	// The replication details of the data replication-enabled broker.
	DataReplicationMetadata *DataReplicationMetadataOutput `json:"dataReplicationMetadata,omitzero"`
	// Describes whether this broker is a part of a data replication pair.
	DataReplicationMode DataReplicationMode `json:"dataReplicationMode,omitzero"`
	// The broker engine version to upgrade to. For more information, see the ActiveMQ version management and the
	// RabbitMQ version management sections in the Amazon MQ Developer Guide.
	EngineVersion string `json:"engineVersion,omitzero"`
	// The broker's host instance type to upgrade to. For a list of supported instance types, see Broker instance
	// types .
	HostInstanceType string `json:"hostInstanceType,omitzero"`
	// The metadata of the LDAP server used to authenticate and authorize connections to the broker.
	LdapServerMetadata *LdapServerMetadataOutput `json:"ldapServerMetadata,omitzero"`
	// The list of information about logs to be enabled for the specified broker.
	Logs *Logs `json:"logs,omitzero"`
	// The parameters that determine the WeeklyStartTime.
	MaintenanceWindowStartTime *WeeklyStartTime `json:"maintenanceWindowStartTime,omitzero"`
	// The pending replication details of the data replication-enabled broker.
	PendingDataReplicationMetadata *DataReplicationMetadataOutput `json:"pendingDataReplicationMetadata,omitzero"`
	// Describes whether this broker will be a part of a data replication pair after reboot.
	PendingDataReplicationMode DataReplicationMode `json:"pendingDataReplicationMode,omitzero"`
	// The list of security groups (1 minimum, 5 maximum) that authorizes connections to brokers.
	SecurityGroups []string `json:"securityGroups,omitzero"`
}

// PromoteInput is the input of Promote: promotes a data replication replica broker to the primary broker role.
type PromoteInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// The Promote mode requested. Note: Valid values for the parameter are SWITCHOVER, FAILOVER. Required.
	Mode PromoteMode `json:"mode,omitzero" mq:"required"`
}

// PromoteOutput is the result of Promote.
type PromoteOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
}
