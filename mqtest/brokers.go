package mqtest

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/mqrest/mqrest/api"
)

// Data replication roles reported in dataReplicationMetadata.
const (
	rolePrimary = "PRIMARY"
	roleReplica = "REPLICA"
)

func (service) CreateBroker(ctx context.Context, in *api.CreateBrokerInput) (*api.CreateBrokerOutput, error) {
	c := callOf(ctx)
	h, st := c.h, c.h.st
	if id, ok := st.tokens[in.CreatorRequestID]; ok && in.CreatorRequestID != "" {
		if b := st.brokers[id]; b != nil && c.owns(b.ARN) {
			return &api.CreateBrokerOutput{BrokerARN: b.ARN, BrokerID: b.ID}, nil
		}
	}
	b := &broker{
		Name:                    in.BrokerName,
		CreatorRequestID:        in.CreatorRequestID,
		Created:                 c.now,
		EngineType:              in.EngineType,
		EngineVersion:           in.EngineVersion,
		DeploymentMode:          in.DeploymentMode,
		HostInstanceType:        in.HostInstanceType,
		StorageType:             in.StorageType,
		StorageSize:             in.StorageSize,
		AuthenticationStrategy:  in.AuthenticationStrategy,
		AutoMinorVersionUpgrade: in.AutoMinorVersionUpgrade == nil || *in.AutoMinorVersionUpgrade,
		PubliclyAccessible:      *in.PubliclyAccessible,
		SecurityGroups:          slices.Clone(in.SecurityGroups),
		SubnetIDs:               slices.Clone(in.SubnetIDs),
		EncryptionOptions:       in.EncryptionOptions,
		Maintenance:             in.MaintenanceWindowStartTime,
		Tags:                    maps.Clone(in.Tags),
		DataReplicationMode:     in.DataReplicationMode,
		Users:                   map[string]*user{},
	}
	if err := c.checkNewBroker(in, b); err != nil {
		return nil, err
	}
	if c.brokerByName(in.BrokerName) != nil {
		return nil, conflict("brokerName", "A broker named [%s] already exists in this account.", in.BrokerName)
	}
	var primary *broker
	if in.DataReplicationPrimaryBrokerARN != "" {
		primary = h.brokerByARN(in.DataReplicationPrimaryBrokerARN)
	}

	r := st.rand()
	b.ID, b.Seq = st.newID("b"), st.nextSeq()
	b.ARN = api.BrokerARN(h.partition, h.cfg.region, c.account(), b.Name, b.ID)
	if b.Tags == nil {
		b.Tags = map[string]string{}
	}
	if len(b.SubnetIDs) == 0 {
		n := 1
		if b.DeploymentMode != api.DeploymentModeSingleInstance {
			n = 2
		}
		for range n {
			b.SubnetIDs = append(b.SubnetIDs, fmt.Sprintf("subnet-0%016x", r.Uint64()))
		}
	}
	if len(b.SecurityGroups) == 0 && b.EngineType == api.EngineTypeActivemq {
		b.SecurityGroups = []string{fmt.Sprintf("sg-0%016x", r.Uint64())}
	}
	for range instanceCount(b) {
		b.IPs = append(b.IPs, fmt.Sprintf("10.0.%d.%d", r.IntN(256), 1+r.IntN(254)))
	}
	// A RabbitMQ broker's one user is its engine's administrator: kept (a
	// real engine needs it), but the users API and DescribeBroker show none.
	for _, u := range in.Users {
		b.Users[u.Username] = &user{Username: u.Username, Current: &userAttrs{
			ConsoleAccess:   u.ConsoleAccess != nil && *u.ConsoleAccess,
			Groups:          nonNil(u.Groups),
			ReplicationUser: u.ReplicationUser != nil && *u.ReplicationUser,
		}}
	}
	if in.Configuration != nil {
		cfg := st.configs[in.Configuration.ID]
		rev := in.Configuration.Revision
		if rev == 0 {
			rev = cfg.latest().Revision
		}
		b.Current = &api.ConfigurationID{ID: cfg.ID, Revision: rev}
	}
	if b.DataReplicationMode == api.DataReplicationModeCrdr {
		a, _ := api.ParseARN(in.DataReplicationPrimaryBrokerARN)
		b.Replication = &api.DataReplicationMetadataOutput{DataReplicationRole: roleReplica,
			DataReplicationCounterpart: &api.DataReplicationCounterpart{BrokerID: a.ID, Region: a.Region}}
		if primary != nil {
			primary.DataReplicationMode = api.DataReplicationModeCrdr
			primary.Replication = &api.DataReplicationMetadataOutput{DataReplicationRole: rolePrimary,
				DataReplicationCounterpart: &api.DataReplicationCounterpart{BrokerID: b.ID, Region: h.cfg.region}}
		}
	}
	b.Phase, b.Until = phaseCreating, c.now.Add(h.cfg.delay)
	if h.cfg.delay == 0 {
		b.Phase, b.Until = phaseRunning, c.now
	}
	st.brokers[b.ID] = b
	st.slr = true
	if b.CreatorRequestID != "" {
		st.tokens[b.CreatorRequestID] = b.ID
	}
	c.changed = true
	return &api.CreateBrokerOutput{BrokerARN: b.ARN, BrokerID: b.ID}, nil
}

// checkNewBroker applies the service's rules to a CreateBroker request and
// fills in the defaults in b.
func (c *call) checkNewBroker(in *api.CreateBrokerInput, b *broker) error {
	e := in.EngineType
	rabbit := e == api.EngineTypeRabbitmq
	if b.EngineVersion != "" && knownVersion(e, b.EngineVersion) == "" {
		return unsupportedVersion(e, b.EngineVersion)
	}
	if !knownInstanceType(e, in.HostInstanceType) {
		return badRequest("hostInstanceType", "Host instance type [%s] is not supported for %s.", in.HostInstanceType, e)
	}
	if b.EngineVersion == "" {
		// The newest version the instance type runs (RabbitMQ 4.2 needs
		// mq.m7g).
		b.EngineVersion = versionsOn(e, in.HostInstanceType)[0]
	} else if err := checkVersionOn(e, b.EngineVersion, in.HostInstanceType, "engineVersion"); err != nil {
		return err
	}
	if !slices.Contains(deploymentModes(e, in.HostInstanceType), in.DeploymentMode) {
		return badRequest("deploymentMode", "Deployment mode [%s] is not supported for %s on %s.", in.DeploymentMode, e, in.HostInstanceType)
	}
	if err := checkAutoMinor(e, b.EngineVersion, b.AutoMinorVersionUpgrade); err != nil {
		return err
	}
	if err := checkStorageSize(in.StorageSize, e, b.EngineVersion, in.DeploymentMode); err != nil {
		return err
	}
	if b.StorageType == "" {
		b.StorageType = storageTypes(e)[0]
	} else if !slices.Contains(storageTypes(e), b.StorageType) {
		return badRequest("storageType", "Storage type [%s] is not supported for %s brokers.", b.StorageType, e)
	}
	if b.AuthenticationStrategy == "" {
		b.AuthenticationStrategy = api.AuthenticationStrategySimple
	}
	if err := checkAuth(e, b.AuthenticationStrategy, in.LdapServerMetadata != nil); err != nil {
		return err
	}
	b.Ldap = ldapOutput(in.LdapServerMetadata)
	switch {
	case rabbit && b.AuthenticationStrategy == api.AuthenticationStrategySimple && len(in.Users) != 1:
		// Amazon MQ's words (BadRequestException, errorAttribute users).
		return badRequest("users", "Specify exactly one user for engine type [%s].", e)
	case rabbit && b.AuthenticationStrategy != api.AuthenticationStrategySimple && len(in.Users) != 0:
		return badRequest("users", "Specify no users for engine type [%s] with authentication strategy [%s]: its users are managed by the broker's %s configuration.",
			e, b.AuthenticationStrategy, b.AuthenticationStrategy)
	}
	if b.AuthenticationStrategy == api.AuthenticationStrategySimple && len(in.Users) == 0 {
		return badRequest("users", "The request failed because [users] is required for brokers that use SIMPLE authentication.")
	}
	seen := map[string]bool{}
	for i, u := range in.Users {
		if seen[u.Username] {
			return badRequest(fmt.Sprintf("users[%d].username", i), "User [%s] is listed twice.", u.Username)
		}
		seen[u.Username] = true
	}
	if in.Logs != nil {
		if rabbit && in.Logs.Audit != nil && *in.Logs.Audit {
			return badRequest("logs.audit", "Audit logs are not supported for RabbitMQ brokers.")
		}
		b.LogsGeneral = in.Logs.General != nil && *in.Logs.General
		if !rabbit {
			b.LogsAudit = boolPtr(in.Logs.Audit != nil && *in.Logs.Audit)
		}
	} else if !rabbit {
		b.LogsAudit = boolPtr(false)
	}
	switch {
	case in.DeploymentMode == api.DeploymentModeSingleInstance && len(in.SubnetIDs) > 1:
		return badRequest("subnetIds", "A SINGLE_INSTANCE broker takes one subnet, not %d.", len(in.SubnetIDs))
	case in.DeploymentMode == api.DeploymentModeActiveStandbyMultiAz && len(in.SubnetIDs) != 0 && len(in.SubnetIDs) != 2:
		return badRequest("subnetIds", "An ACTIVE_STANDBY_MULTI_AZ broker takes two subnets, not %d.", len(in.SubnetIDs))
	case len(in.SecurityGroups) > 125:
		return badRequest("securityGroups", "At most 125 security groups are allowed.")
	}
	if in.Configuration != nil {
		if err := c.checkConfigRef(e, in.Configuration); err != nil {
			return err
		}
	}
	switch {
	case in.DataReplicationMode == api.DataReplicationModeCrdr && in.DataReplicationPrimaryBrokerARN == "":
		return required("dataReplicationPrimaryBrokerArn")
	case in.DataReplicationPrimaryBrokerARN != "" && in.DataReplicationMode != api.DataReplicationModeCrdr:
		return badRequest("dataReplicationMode", "A replica broker (dataReplicationPrimaryBrokerArn) needs dataReplicationMode CRDR.")
	case in.DataReplicationPrimaryBrokerARN != "":
		if a, err := api.ParseARN(in.DataReplicationPrimaryBrokerARN); err != nil || a.Type != "broker" {
			return badRequest("dataReplicationPrimaryBrokerArn", "The request failed because [dataReplicationPrimaryBrokerArn] must be a broker ARN.")
		}
	}
	if b.DataReplicationMode == "" {
		b.DataReplicationMode = api.DataReplicationModeNone
	}
	return nil
}

// checkAuth checks an authentication strategy against the engine.
func checkAuth(e api.EngineType, s api.AuthenticationStrategy, hasLdap bool) error {
	switch {
	case s == api.AuthenticationStrategyConfigManaged && e != api.EngineTypeRabbitmq:
		return badRequest("authenticationStrategy", "CONFIG_MANAGED authentication is supported for RabbitMQ brokers only.")
	case s == api.AuthenticationStrategyLdap && !hasLdap:
		return badRequest("ldapServerMetadata", "The request failed because [ldapServerMetadata] is required for LDAP authentication.")
	}
	return nil
}

// checkConfigRef checks that a referenced configuration and revision exist
// and suit the engine.
func (c *call) checkConfigRef(e api.EngineType, ref *api.ConfigurationID) error {
	cfg, err := c.findConfig(ref.ID)
	if err != nil {
		return err
	}
	if cfg.EngineType != e {
		return badRequest("configuration.id", "Configuration [%s] is for %s, not %s.", ref.ID, cfg.EngineType, e)
	}
	if ref.Revision != 0 && cfg.revision(ref.Revision) == nil {
		return badRequest("configuration.revision", "Configuration [%s] has no revision [%d].", ref.ID, ref.Revision)
	}
	return nil
}

func ldapOutput(in *api.LdapServerMetadataInput) *api.LdapServerMetadataOutput {
	if in == nil {
		return nil
	}
	return &api.LdapServerMetadataOutput{
		Hosts: slices.Clone(in.Hosts), RoleBase: in.RoleBase, RoleName: in.RoleName,
		RoleSearchMatching: in.RoleSearchMatching, RoleSearchSubtree: in.RoleSearchSubtree,
		ServiceAccountUsername: in.ServiceAccountUsername, UserBase: in.UserBase, UserRoleName: in.UserRoleName,
		UserSearchMatching: in.UserSearchMatching, UserSearchSubtree: in.UserSearchSubtree,
	}
}

func instanceCount(b *broker) int {
	switch b.DeploymentMode {
	case api.DeploymentModeActiveStandbyMultiAz:
		return 2
	case api.DeploymentModeClusterMultiAz:
		return 3
	}
	return 1
}

func boolPtr(v bool) *bool { return &v }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// brokerByARN returns the broker with the ARN, or nil.
func (h *Handler) brokerByARN(arn string) *broker {
	a, err := api.ParseARN(arn)
	if err != nil || a.Type != "broker" {
		return nil
	}
	if b := h.st.brokers[a.ID]; b != nil && b.ARN == arn {
		h.st.markBroker(b)
		return b
	}
	return nil
}

// findBroker returns the broker of the caller's account with the ID, or a
// 404.
func (c *call) findBroker(id string) (*broker, error) {
	b := c.h.st.brokers[id]
	if b == nil || !c.owns(b.ARN) {
		return nil, brokerNotFound(id)
	}
	c.h.st.markBroker(b)
	return b, nil
}

// brokerByName returns the broker of the caller's account with the name,
// or nil.
func (c *call) brokerByName(name string) *broker { return c.h.st.brokerByName(c.account(), name) }

// unsupportedVersion is the 400 of an engine version the catalog lacks.
func unsupportedVersion(e api.EngineType, v string) error {
	return invalidVersion(e, v, engineVersions[e])
}

// needRunning answers 409 unless the broker is running.
func needRunning(b *broker) error {
	if b.Phase != phaseRunning {
		return conflict("broker-id", "Broker [%s] is in state [%s]; this operation needs a broker that is RUNNING.", b.ID, b.state())
	}
	return nil
}

func (service) DescribeBroker(ctx context.Context, in *api.DescribeBrokerInput) (*api.DescribeBrokerOutput, error) {
	c := callOf(ctx)
	b, err := c.findBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	return c.h.describe(b), nil
}

// describe renders a broker as DescribeBroker reports it.
func (h *Handler) describe(b *broker) *api.DescribeBrokerOutput {
	out := &api.DescribeBrokerOutput{
		AuthenticationStrategy:         b.AuthenticationStrategy,
		AutoMinorVersionUpgrade:        boolPtr(b.AutoMinorVersionUpgrade),
		BrokerARN:                      b.ARN,
		BrokerID:                       b.ID,
		BrokerInstances:                []api.BrokerInstance{},
		BrokerName:                     b.Name,
		BrokerState:                    b.state(),
		Configurations:                 &api.Configurations{History: slices.Clone(b.History), Pending: b.Pending.Configuration},
		Created:                        b.Created.UTC(),
		DataReplicationMetadata:        b.Replication,
		DataReplicationMode:            b.DataReplicationMode,
		DeploymentMode:                 b.DeploymentMode,
		EncryptionOptions:              b.EncryptionOptions,
		EngineType:                     b.EngineType,
		EngineVersion:                  b.EngineVersion,
		HostInstanceType:               b.HostInstanceType,
		LdapServerMetadata:             b.Ldap,
		MaintenanceWindowStartTime:     b.Maintenance,
		PendingAuthenticationStrategy:  b.Pending.AuthenticationStrategy,
		PendingDataReplicationMetadata: b.Pending.Replication,
		PendingDataReplicationMode:     b.Pending.DataReplicationMode,
		PendingEngineVersion:           b.Pending.EngineVersion,
		PendingHostInstanceType:        b.Pending.HostInstanceType,
		PendingLdapServerMetadata:      b.Pending.Ldap,
		PendingSecurityGroups:          slices.Clone(b.Pending.SecurityGroups),
		PendingStorageSize:             b.Pending.StorageSize,
		PubliclyAccessible:             boolPtr(b.PubliclyAccessible),
		SecurityGroups:                 nonNil(b.SecurityGroups),
		StorageSize:                    b.StorageSize,
		StorageType:                    b.StorageType,
		SubnetIDs:                      nonNil(b.SubnetIDs),
		Tags:                           maps.Clone(b.Tags),
		Users:                          describedUsers(b),
	}
	if out.Configurations.History == nil {
		out.Configurations.History = []api.ConfigurationID{}
	}
	if b.Current != nil {
		cur := *b.Current
		out.Configurations.Current = &cur
	}
	if out.Tags == nil {
		out.Tags = map[string]string{}
	}
	if out.EncryptionOptions == nil {
		out.EncryptionOptions = &api.EncryptionOptions{UseAwsOwnedKey: boolPtr(true)}
	}
	if out.MaintenanceWindowStartTime == nil {
		out.MaintenanceWindowStartTime = &api.WeeklyStartTime{DayOfWeek: api.DayOfWeekSunday, TimeOfDay: "02:00", TimeZone: "UTC"}
	}
	logGroup := "arn:" + h.partition + ":logs:" + h.cfg.region + ":" + accountOf(b.ARN) + ":log-group:/aws/amazonmq/broker/" + b.ID
	out.Logs = &api.LogsSummary{General: boolPtr(b.LogsGeneral), GeneralLogGroup: logGroup + "/general"}
	if b.LogsAudit != nil {
		out.Logs.Audit, out.Logs.AuditLogGroup = boolPtr(*b.LogsAudit), logGroup+"/audit"
	}
	if pl := b.Pending.Logs; pl != nil {
		out.Logs.Pending = &api.PendingLogs{Audit: pl.Audit, General: pl.General}
	}
	if b.Phase != phaseCreating {
		out.BrokerInstances = h.instances(b)
	}
	return out
}

// instances returns the broker's instances with their endpoints.
func (h *Handler) instances(b *broker) []api.BrokerInstance {
	if eps := h.engineInstances(b); eps != nil { // engines.go
		return eps
	}
	region := h.cfg.region
	if b.EngineType == api.EngineTypeRabbitmq {
		host := b.ID + ".mq." + region + ".on.aws"
		return []api.BrokerInstance{{ConsoleURL: "https://" + host, Endpoints: []string{"amqps://" + host + ":5671"}, IPAddress: b.IPs[0]}}
	}
	suffix := api.PartitionOf(region).DNSSuffix
	var out []api.BrokerInstance
	for i, ip := range b.IPs {
		host := fmt.Sprintf("%s-%d.mq.%s.%s", b.ID, i+1, region, suffix)
		out = append(out, api.BrokerInstance{
			ConsoleURL: "https://" + host + ":8162",
			Endpoints: []string{
				"ssl://" + host + ":61617", "amqp+ssl://" + host + ":5671", "stomp+ssl://" + host + ":61614",
				"mqtt+ssl://" + host + ":8883", "wss://" + host + ":61619",
			},
			IPAddress: ip,
		})
	}
	return out
}

func (service) ListBrokers(ctx context.Context, in *api.ListBrokersInput) (*api.ListBrokersOutput, error) {
	c := callOf(ctx)
	page, next, _, err := pageSeq(c, "", c.h.st.brokersAfter,
		func(b *broker) (uint64, string) { return b.Seq, b.ID }, func(b *broker) bool { return c.owns(b.ARN) })
	if err != nil {
		return nil, err
	}
	out := &api.ListBrokersOutput{BrokerSummaries: []api.BrokerSummary{}, NextToken: next}
	for _, b := range page {
		out.BrokerSummaries = append(out.BrokerSummaries, api.BrokerSummary{
			BrokerARN: b.ARN, BrokerID: b.ID, BrokerName: b.Name, BrokerState: b.state(), Created: b.Created.UTC(),
			DeploymentMode: b.DeploymentMode, EngineType: b.EngineType, HostInstanceType: b.HostInstanceType,
		})
	}
	return out, nil
}

func (service) DeleteBroker(ctx context.Context, in *api.DeleteBrokerInput) (*api.DeleteBrokerOutput, error) {
	c := callOf(ctx)
	b, err := c.findBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	out := &api.DeleteBrokerOutput{BrokerID: b.ID}
	switch b.Phase {
	case phaseDeleting:
		return out, nil // already on its way: deleting again changes nothing
	case phaseRebooting:
		return nil, conflict("broker-id", "Broker [%s] is in state [%s] and cannot be deleted; retry when the reboot is done.", b.ID, b.state())
	}
	b.Phase, b.Until = phaseDeleting, c.now.Add(c.h.cfg.delay)
	c.h.st.settle(c.now)
	c.changed = true
	return out, nil
}

func (service) RebootBroker(ctx context.Context, in *api.RebootBrokerInput) (*api.RebootBrokerOutput, error) {
	c := callOf(ctx)
	b, err := c.findBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	if err := needRunning(b); err != nil {
		return nil, err
	}
	b.Phase, b.Until = phaseRebooting, c.now.Add(c.h.cfg.delay)
	c.h.st.settle(c.now)
	c.changed = true
	return &api.RebootBrokerOutput{}, nil
}

func (service) UpdateBroker(ctx context.Context, in *api.UpdateBrokerInput) (*api.UpdateBrokerOutput, error) {
	c := callOf(ctx)
	b, err := c.findBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	if err := needRunning(b); err != nil {
		return nil, err
	}
	e := b.EngineType
	rabbit := e == api.EngineTypeRabbitmq
	switch {
	case in.EngineVersion != "" && !slices.Contains(upgradesFrom(e, b.EngineVersion), in.EngineVersion):
		return nil, invalidVersion(e, in.EngineVersion, upgradesFrom(e, b.EngineVersion))
	case in.HostInstanceType != "" && !knownInstanceType(e, in.HostInstanceType):
		return nil, badRequest("hostInstanceType", "Host instance type [%s] is not supported for %s.", in.HostInstanceType, e)
	case in.SecurityGroups != nil && rabbit:
		return nil, badRequest("securityGroups", "Changing security groups is not supported for RabbitMQ brokers.")
	case in.SecurityGroups != nil && (len(in.SecurityGroups) < 1 || len(in.SecurityGroups) > 5):
		return nil, badRequest("securityGroups", "The request failed because [securityGroups] must list 1 to 5 security groups.")
	case in.Logs != nil && rabbit && in.Logs.Audit != nil && *in.Logs.Audit:
		return nil, badRequest("logs.audit", "Audit logs are not supported for RabbitMQ brokers.")
	}
	// The version and instance type the broker runs after the next reboot.
	version := cmp.Or(in.EngineVersion, b.Pending.EngineVersion, b.EngineVersion)
	instanceType := cmp.Or(in.HostInstanceType, b.Pending.HostInstanceType, b.HostInstanceType)
	if in.EngineVersion != "" || in.HostInstanceType != "" {
		attr := "hostInstanceType"
		if in.EngineVersion != "" {
			attr = "engineVersion"
		}
		if err := checkVersionOn(e, version, instanceType, attr); err != nil {
			return nil, err
		}
	}
	autoMinor := b.AutoMinorVersionUpgrade
	if in.AutoMinorVersionUpgrade != nil {
		autoMinor = *in.AutoMinorVersionUpgrade
	}
	if in.AutoMinorVersionUpgrade != nil || in.EngineVersion != "" {
		if err := checkAutoMinor(e, version, autoMinor); err != nil {
			return nil, err
		}
	}
	if err := checkStorageSize(in.StorageSize, e, version, b.DeploymentMode); err != nil {
		return nil, err
	}
	if err := checkResourceShares(b, in.ResourceShareARNs); err != nil {
		return nil, err
	}
	if in.AuthenticationStrategy != "" {
		if err := checkAuth(e, in.AuthenticationStrategy, in.LdapServerMetadata != nil || b.Ldap != nil); err != nil {
			return nil, err
		}
	}
	if in.Configuration != nil {
		if err := c.checkConfigRef(e, in.Configuration); err != nil {
			return nil, err
		}
	}
	p := &b.Pending
	if in.EngineVersion != "" {
		p.EngineVersion = in.EngineVersion
	}
	if in.HostInstanceType != "" {
		p.HostInstanceType = in.HostInstanceType
	}
	if in.SecurityGroups != nil {
		p.SecurityGroups = slices.Clone(in.SecurityGroups)
	}
	if in.StorageSize != 0 {
		p.StorageSize = in.StorageSize
	}
	if in.ResourceShareARNs != nil {
		p.ResourceShareARNs = append([]string{}, in.ResourceShareARNs...) // [] detaches every share
	}
	if in.AuthenticationStrategy != "" {
		p.AuthenticationStrategy = in.AuthenticationStrategy
	}
	if in.LdapServerMetadata != nil {
		p.Ldap = ldapOutput(in.LdapServerMetadata)
	}
	if in.Logs != nil {
		p.Logs = &api.PendingLogs{General: in.Logs.General, Audit: in.Logs.Audit}
	}
	var cfgOut *api.ConfigurationID
	if in.Configuration != nil {
		rev := in.Configuration.Revision
		if rev == 0 {
			rev = c.h.st.configs[in.Configuration.ID].latest().Revision
		}
		p.Configuration = &api.ConfigurationID{ID: in.Configuration.ID, Revision: rev}
		cfgOut = &api.ConfigurationID{ID: in.Configuration.ID, Revision: rev}
	}
	if in.DataReplicationMode != "" {
		p.DataReplicationMode = in.DataReplicationMode
		if in.DataReplicationMode == api.DataReplicationModeCrdr && b.Replication != nil {
			p.Replication = b.Replication
		}
	}
	if in.MaintenanceWindowStartTime != nil {
		mw := *in.MaintenanceWindowStartTime
		b.Maintenance = &mw
	}
	if in.AutoMinorVersionUpgrade != nil {
		b.AutoMinorVersionUpgrade = *in.AutoMinorVersionUpgrade
	}
	c.changed = true
	return &api.UpdateBrokerOutput{
		AuthenticationStrategy:         in.AuthenticationStrategy,
		AutoMinorVersionUpgrade:        in.AutoMinorVersionUpgrade,
		BrokerID:                       b.ID,
		Configuration:                  cfgOut,
		DataReplicationMetadata:        b.Replication,
		DataReplicationMode:            b.DataReplicationMode,
		EngineVersion:                  in.EngineVersion,
		HostInstanceType:               in.HostInstanceType,
		LdapServerMetadata:             ldapOutput(in.LdapServerMetadata),
		Logs:                           in.Logs,
		MaintenanceWindowStartTime:     in.MaintenanceWindowStartTime,
		PendingDataReplicationMetadata: p.Replication,
		PendingDataReplicationMode:     p.DataReplicationMode,
		ResourceShareARNs:              in.ResourceShareARNs,
		SecurityGroups:                 in.SecurityGroups,
		StorageSize:                    in.StorageSize,
	}, nil
}

func (service) Promote(ctx context.Context, in *api.PromoteInput) (*api.PromoteOutput, error) {
	c := callOf(ctx)
	b, err := c.findBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	if b.DataReplicationMode != api.DataReplicationModeCrdr || b.Replication == nil {
		return nil, badRequest("broker-id", "Broker [%s] is not part of a data replication pair: its dataReplicationMode is not CRDR.", b.ID)
	}
	if b.Replication.DataReplicationRole != roleReplica {
		return nil, badRequest("broker-id", "Broker [%s] is already the primary broker of its data replication pair.", b.ID)
	}
	if b.Phase != phaseRunning {
		return nil, needRunning(b)
	}
	cp := b.Replication.DataReplicationCounterpart
	b.Replication = &api.DataReplicationMetadataOutput{DataReplicationRole: rolePrimary, DataReplicationCounterpart: cp}
	if cp != nil {
		if other := c.h.st.brokers[cp.BrokerID]; other != nil && other.Replication != nil {
			other.Replication = &api.DataReplicationMetadataOutput{DataReplicationRole: roleReplica,
				DataReplicationCounterpart: &api.DataReplicationCounterpart{BrokerID: b.ID, Region: c.h.cfg.region}}
		}
	}
	c.changed = true
	return &api.PromoteOutput{BrokerID: b.ID}, nil
}
