// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

// AuthenticationStrategy is an Amazon MQ enum. The authentication strategy used to secure the broker. The
// default is SIMPLE. Unknown values received from the service are kept as they are.
type AuthenticationStrategy string

// Values of AuthenticationStrategy.
const (
	AuthenticationStrategySimple        AuthenticationStrategy = "SIMPLE"
	AuthenticationStrategyLdap          AuthenticationStrategy = "LDAP"
	AuthenticationStrategyConfigManaged AuthenticationStrategy = "CONFIG_MANAGED"
)

// Values returns every value of AuthenticationStrategy the API version knows, in model order.
func (AuthenticationStrategy) Values() []AuthenticationStrategy {
	return []AuthenticationStrategy{AuthenticationStrategySimple, AuthenticationStrategyLdap, AuthenticationStrategyConfigManaged}
}

func (AuthenticationStrategy) valuesAsStrings() []string {
	return []string{string(AuthenticationStrategySimple), string(AuthenticationStrategyLdap), string(AuthenticationStrategyConfigManaged)}
}

// BrokerState is an Amazon MQ enum. The broker's status. Unknown values received from the service are kept as
// they are.
type BrokerState string

// Values of BrokerState.
const (
	BrokerStateCreationInProgress     BrokerState = "CREATION_IN_PROGRESS"
	BrokerStateCreationFailed         BrokerState = "CREATION_FAILED"
	BrokerStateDeletionInProgress     BrokerState = "DELETION_IN_PROGRESS"
	BrokerStateRunning                BrokerState = "RUNNING"
	BrokerStateRebootInProgress       BrokerState = "REBOOT_IN_PROGRESS"
	BrokerStateCriticalActionRequired BrokerState = "CRITICAL_ACTION_REQUIRED"
	BrokerStateReplica                BrokerState = "REPLICA"
)

// Values returns every value of BrokerState the API version knows, in model order.
func (BrokerState) Values() []BrokerState {
	return []BrokerState{BrokerStateCreationInProgress, BrokerStateCreationFailed, BrokerStateDeletionInProgress, BrokerStateRunning, BrokerStateRebootInProgress, BrokerStateCriticalActionRequired, BrokerStateReplica}
}

func (BrokerState) valuesAsStrings() []string {
	return []string{string(BrokerStateCreationInProgress), string(BrokerStateCreationFailed), string(BrokerStateDeletionInProgress), string(BrokerStateRunning), string(BrokerStateRebootInProgress), string(BrokerStateCriticalActionRequired), string(BrokerStateReplica)}
}

// BrokerStorageType is an Amazon MQ enum. The broker's storage type. EFS is not supported for RabbitMQ engine
// type. Unknown values received from the service are kept as they are.
type BrokerStorageType string

// Values of BrokerStorageType.
const (
	BrokerStorageTypeEbs BrokerStorageType = "EBS"
	BrokerStorageTypeEfs BrokerStorageType = "EFS"
)

// Values returns every value of BrokerStorageType the API version knows, in model order.
func (BrokerStorageType) Values() []BrokerStorageType {
	return []BrokerStorageType{BrokerStorageTypeEbs, BrokerStorageTypeEfs}
}

func (BrokerStorageType) valuesAsStrings() []string {
	return []string{string(BrokerStorageTypeEbs), string(BrokerStorageTypeEfs)}
}

// ChangeType is an Amazon MQ enum. The type of change pending for the ActiveMQ user. Unknown values received
// from the service are kept as they are.
type ChangeType string

// Values of ChangeType.
const (
	ChangeTypeCreate ChangeType = "CREATE"
	ChangeTypeUpdate ChangeType = "UPDATE"
	ChangeTypeDelete ChangeType = "DELETE"
)

// Values returns every value of ChangeType the API version knows, in model order.
func (ChangeType) Values() []ChangeType {
	return []ChangeType{ChangeTypeCreate, ChangeTypeUpdate, ChangeTypeDelete}
}

func (ChangeType) valuesAsStrings() []string {
	return []string{string(ChangeTypeCreate), string(ChangeTypeUpdate), string(ChangeTypeDelete)}
}

// DataReplicationMode is an Amazon MQ enum. Specifies whether a broker is a part of a data replication pair.
// Unknown values received from the service are kept as they are.
type DataReplicationMode string

// Values of DataReplicationMode.
const (
	DataReplicationModeNone DataReplicationMode = "NONE"
	DataReplicationModeCrdr DataReplicationMode = "CRDR"
)

// Values returns every value of DataReplicationMode the API version knows, in model order.
func (DataReplicationMode) Values() []DataReplicationMode {
	return []DataReplicationMode{DataReplicationModeNone, DataReplicationModeCrdr}
}

func (DataReplicationMode) valuesAsStrings() []string {
	return []string{string(DataReplicationModeNone), string(DataReplicationModeCrdr)}
}

// DayOfWeek is an Amazon MQ enum. DayOfWeek is an Amazon MQ enumeration. Unknown values received from the
// service are kept as they are.
type DayOfWeek string

// Values of DayOfWeek.
const (
	DayOfWeekMonday    DayOfWeek = "MONDAY"
	DayOfWeekTuesday   DayOfWeek = "TUESDAY"
	DayOfWeekWednesday DayOfWeek = "WEDNESDAY"
	DayOfWeekThursday  DayOfWeek = "THURSDAY"
	DayOfWeekFriday    DayOfWeek = "FRIDAY"
	DayOfWeekSaturday  DayOfWeek = "SATURDAY"
	DayOfWeekSunday    DayOfWeek = "SUNDAY"
)

// Values returns every value of DayOfWeek the API version knows, in model order.
func (DayOfWeek) Values() []DayOfWeek {
	return []DayOfWeek{DayOfWeekMonday, DayOfWeekTuesday, DayOfWeekWednesday, DayOfWeekThursday, DayOfWeekFriday, DayOfWeekSaturday, DayOfWeekSunday}
}

func (DayOfWeek) valuesAsStrings() []string {
	return []string{string(DayOfWeekMonday), string(DayOfWeekTuesday), string(DayOfWeekWednesday), string(DayOfWeekThursday), string(DayOfWeekFriday), string(DayOfWeekSaturday), string(DayOfWeekSunday)}
}

// DeploymentMode is an Amazon MQ enum. The broker's deployment mode. Unknown values received from the service
// are kept as they are.
type DeploymentMode string

// Values of DeploymentMode.
const (
	DeploymentModeSingleInstance       DeploymentMode = "SINGLE_INSTANCE"
	DeploymentModeActiveStandbyMultiAz DeploymentMode = "ACTIVE_STANDBY_MULTI_AZ"
	DeploymentModeClusterMultiAz       DeploymentMode = "CLUSTER_MULTI_AZ"
)

// Values returns every value of DeploymentMode the API version knows, in model order.
func (DeploymentMode) Values() []DeploymentMode {
	return []DeploymentMode{DeploymentModeSingleInstance, DeploymentModeActiveStandbyMultiAz, DeploymentModeClusterMultiAz}
}

func (DeploymentMode) valuesAsStrings() []string {
	return []string{string(DeploymentModeSingleInstance), string(DeploymentModeActiveStandbyMultiAz), string(DeploymentModeClusterMultiAz)}
}

// EngineType is an Amazon MQ enum. The type of broker engine. Amazon MQ supports ActiveMQ and RabbitMQ. Unknown
// values received from the service are kept as they are.
type EngineType string

// Values of EngineType.
const (
	EngineTypeActivemq EngineType = "ACTIVEMQ"
	EngineTypeRabbitmq EngineType = "RABBITMQ"
)

// Values returns every value of EngineType the API version knows, in model order.
func (EngineType) Values() []EngineType {
	return []EngineType{EngineTypeActivemq, EngineTypeRabbitmq}
}

func (EngineType) valuesAsStrings() []string {
	return []string{string(EngineTypeActivemq), string(EngineTypeRabbitmq)}
}

// PromoteMode is an Amazon MQ enum. The Promote mode requested. Unknown values received from the service are
// kept as they are.
type PromoteMode string

// Values of PromoteMode.
const (
	PromoteModeSwitchover PromoteMode = "SWITCHOVER"
	PromoteModeFailover   PromoteMode = "FAILOVER"
)

// Values returns every value of PromoteMode the API version knows, in model order.
func (PromoteMode) Values() []PromoteMode {
	return []PromoteMode{PromoteModeSwitchover, PromoteModeFailover}
}

func (PromoteMode) valuesAsStrings() []string {
	return []string{string(PromoteModeSwitchover), string(PromoteModeFailover)}
}

// SanitizationWarningReason is an Amazon MQ enum. The reason for which the configuration elements or attributes
// were sanitized. Unknown values received from the service are kept as they are.
type SanitizationWarningReason string

// Values of SanitizationWarningReason.
const (
	SanitizationWarningReasonDisallowedElementRemoved     SanitizationWarningReason = "DISALLOWED_ELEMENT_REMOVED"
	SanitizationWarningReasonDisallowedAttributeRemoved   SanitizationWarningReason = "DISALLOWED_ATTRIBUTE_REMOVED"
	SanitizationWarningReasonInvalidAttributeValueRemoved SanitizationWarningReason = "INVALID_ATTRIBUTE_VALUE_REMOVED"
)

// Values returns every value of SanitizationWarningReason the API version knows, in model order.
func (SanitizationWarningReason) Values() []SanitizationWarningReason {
	return []SanitizationWarningReason{SanitizationWarningReasonDisallowedElementRemoved, SanitizationWarningReasonDisallowedAttributeRemoved, SanitizationWarningReasonInvalidAttributeValueRemoved}
}

func (SanitizationWarningReason) valuesAsStrings() []string {
	return []string{string(SanitizationWarningReasonDisallowedElementRemoved), string(SanitizationWarningReasonDisallowedAttributeRemoved), string(SanitizationWarningReasonInvalidAttributeValueRemoved)}
}
