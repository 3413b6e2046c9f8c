package mqtest

import (
	"context"
	"slices"
	"strings"

	"github.com/mqrest/mqrest/api"
)

// engineVersions lists the engine versions offered, newest first: the
// first is the default and the one DescribeBrokerEngineTypes lists first.
// ActiveMQ 5.19 is the recommended version, 5.18 still supported (5.17
// reached its end of support on 2025-06-16); RabbitMQ 4.2 is recommended,
// on mq.m7g instances only (see versionsOn), and 3.13 runs on every
// RabbitMQ instance type.
var engineVersions = map[api.EngineType][]string{
	api.EngineTypeActivemq: {"5.19", "5.18"},
	api.EngineTypeRabbitmq: {"4.2", "3.13"},
}

// rabbitMQ42 is the RabbitMQ version that runs on mq.m7g instances only and
// that the storageSize of cluster brokers is for.
const rabbitMQ42 = "4.2"

// engineOrder is the order DescribeBrokerEngineTypes lists engines in.
var engineOrder = []api.EngineType{api.EngineTypeActivemq, api.EngineTypeRabbitmq}

// instanceTypes lists the host instance types of each engine.
var instanceTypes = map[api.EngineType][]string{
	api.EngineTypeActivemq: {"mq.t3.micro", "mq.m5.large", "mq.m5.xlarge", "mq.m5.2xlarge", "mq.m5.4xlarge"},
	api.EngineTypeRabbitmq: {"mq.t3.micro", "mq.m5.large", "mq.m5.xlarge", "mq.m5.2xlarge", "mq.m5.4xlarge",
		"mq.m7g.medium", "mq.m7g.large", "mq.m7g.xlarge", "mq.m7g.2xlarge", "mq.m7g.4xlarge", "mq.m7g.8xlarge",
		"mq.m7g.12xlarge", "mq.m7g.16xlarge"},
}

// latestVersion returns the newest version of the engine.
func latestVersion(e api.EngineType) string { return engineVersions[e][0] }

// knownVersion returns v when it is a catalog version of the engine, or "".
// Every version offered (ActiveMQ 5.18 and later, RabbitMQ 3.13 and later)
// is given as major.minor only: Amazon MQ manages the patch version, so
// "3.13.7" is not a version one can ask for.
func knownVersion(e api.EngineType, v string) string {
	if slices.Contains(engineVersions[e], v) {
		return v
	}
	return ""
}

// engineName is the engine as Amazon MQ's messages name it ("RabbitMQ").
func engineName(e api.EngineType) string {
	if e == api.EngineTypeRabbitmq {
		return "RabbitMQ"
	}
	return "ActiveMQ"
}

// invalidVersion is Amazon MQ's 400 for an engine version it does not offer
// (here, where the broker cannot go): "Broker engine version [3.13.7] is
// invalid for broker engine type [RABBITMQ]. Valid values: [3.13]."
func invalidVersion(e api.EngineType, v string, valid []string) *apiError {
	return badRequest("engineVersion", "Broker engine version [%s] is invalid for broker engine type [%s]. Valid values: [%s].",
		v, e, strings.Join(valid, ", "))
}

// checkAutoMinor is the rule of autoMinorVersionUpgrade: brokers on ActiveMQ
// 5.18 and later and RabbitMQ 3.13 and later (every catalog version) must
// have it true, in Amazon MQ's words.
func checkAutoMinor(e api.EngineType, version string, autoMinor bool) error {
	if autoMinor || knownVersion(e, version) == "" {
		return nil
	}
	return badRequest("autoMinorVersionUpgrade", "Brokers on [%s] version [%s] must have [autoMinorVersionUpgrade] set to [true].",
		engineName(e), version)
}

// upgradesFrom returns the versions a broker on version from can move to
// in place: any catalog version of the engine, except that RabbitMQ 3.13
// does not upgrade to 4.2 (a 4.2 broker must be created new).
func upgradesFrom(e api.EngineType, from string) []string {
	var out []string
	for _, v := range engineVersions[e] {
		if e == api.EngineTypeRabbitmq && v == rabbitMQ42 && from != rabbitMQ42 {
			continue
		}
		out = append(out, v)
	}
	return out
}

// versionsOn returns the engine versions offered on an instance type,
// newest first: RabbitMQ 4.2 runs on the mq.m7g instance types only.
func versionsOn(e api.EngineType, instanceType string) []string {
	if e != api.EngineTypeRabbitmq || isM7g(instanceType) {
		return engineVersions[e]
	}
	var out []string
	for _, v := range engineVersions[e] {
		if v != rabbitMQ42 {
			out = append(out, v)
		}
	}
	return out
}

func isM7g(instanceType string) bool { return strings.HasPrefix(instanceType, "mq.m7g.") }

// checkVersionOn answers 400, naming attr, unless the engine version runs
// on the instance type.
func checkVersionOn(e api.EngineType, version, instanceType, attr string) error {
	if !slices.Contains(versionsOn(e, instanceType), knownVersion(e, version)) {
		return badRequest(attr, "Broker engine version [%s] is not supported on host instance type [%s]: %s %s runs on mq.m7g instance types only.",
			version, instanceType, e, knownVersion(e, version))
	}
	return nil
}

// checkStorageSize applies the rule of storageSize: it is for RabbitMQ 4.2
// brokers of the CLUSTER_MULTI_AZ deployment mode only, and a size in GB.
// The ranges per instance size are not documented, so only a positive size
// is required.
func checkStorageSize(size int32, e api.EngineType, version string, mode api.DeploymentMode) error {
	if size == 0 {
		return nil
	}
	if e != api.EngineTypeRabbitmq || knownVersion(e, version) != rabbitMQ42 || mode != api.DeploymentModeClusterMultiAz {
		return badRequest("storageSize", "The request failed because [storageSize] is supported for RabbitMQ %s brokers of deployment mode %s only, not for a %s %s %s broker.",
			rabbitMQ42, api.DeploymentModeClusterMultiAz, e, version, mode)
	}
	if size < 0 {
		return badRequest("storageSize", "The request failed because [storageSize] must be a positive number of GB.")
	}
	return nil
}

func knownInstanceType(e api.EngineType, t string) bool { return slices.Contains(instanceTypes[e], t) }

// storageTypes returns the storage types of an engine; the first is the
// default.
func storageTypes(e api.EngineType) []api.BrokerStorageType {
	if e == api.EngineTypeActivemq {
		return []api.BrokerStorageType{api.BrokerStorageTypeEfs, api.BrokerStorageTypeEbs}
	}
	return []api.BrokerStorageType{api.BrokerStorageTypeEbs}
}

// deploymentModes returns the deployment modes an engine offers on an
// instance type (micro instances run single-instance brokers only).
func deploymentModes(e api.EngineType, instanceType string) []api.DeploymentMode {
	modes := []api.DeploymentMode{api.DeploymentModeSingleInstance}
	if instanceType == "mq.t3.micro" {
		return modes
	}
	if e == api.EngineTypeActivemq {
		return append(modes, api.DeploymentModeActiveStandbyMultiAz)
	}
	return append(modes, api.DeploymentModeClusterMultiAz)
}

// engineTypes returns the engine catalog, filtered by engine type ("" for all).
func engineTypes(filter string) []api.BrokerEngineType {
	out := []api.BrokerEngineType{}
	for _, e := range engineOrder {
		if filter != "" && !strings.EqualFold(filter, string(e)) {
			continue
		}
		bt := api.BrokerEngineType{EngineType: e}
		for _, v := range engineVersions[e] {
			bt.EngineVersions = append(bt.EngineVersions, api.EngineVersion{Name: v})
		}
		out = append(out, bt)
	}
	return out
}

// instanceOptions returns the instance options of the region, filtered.
func (h *Handler) instanceOptions(engine, instanceType, storage string) []api.BrokerInstanceOption {
	var azs []api.AvailabilityZone
	for _, s := range []string{"a", "b", "c"} {
		azs = append(azs, api.AvailabilityZone{Name: h.cfg.region + s})
	}
	out := []api.BrokerInstanceOption{}
	for _, e := range engineOrder {
		if engine != "" && !strings.EqualFold(engine, string(e)) {
			continue
		}
		for _, t := range instanceTypes[e] {
			if instanceType != "" && instanceType != t {
				continue
			}
			for _, st := range storageTypes(e) {
				if storage != "" && !strings.EqualFold(storage, string(st)) {
					continue
				}
				out = append(out, api.BrokerInstanceOption{
					AvailabilityZones:        azs,
					EngineType:               e,
					HostInstanceType:         t,
					StorageType:              st,
					SupportedDeploymentModes: deploymentModes(e, t),
					SupportedEngineVersions:  versionsOn(e, t),
				})
			}
		}
	}
	return out
}

func (service) DescribeBrokerEngineTypes(ctx context.Context, in *api.DescribeBrokerEngineTypesInput) (*api.DescribeBrokerEngineTypesOutput, error) {
	c := callOf(ctx)
	page, next, size, err := pageFixed(c, "engineType="+in.EngineType, engineTypes(in.EngineType))
	if err != nil {
		return nil, err
	}
	return &api.DescribeBrokerEngineTypesOutput{BrokerEngineTypes: page, MaxResults: size, NextToken: next}, nil
}

func (service) DescribeBrokerInstanceOptions(ctx context.Context, in *api.DescribeBrokerInstanceOptionsInput) (*api.DescribeBrokerInstanceOptionsOutput, error) {
	c := callOf(ctx)
	all := c.h.instanceOptions(in.EngineType, in.HostInstanceType, in.StorageType)
	scope := "engineType=" + in.EngineType + "&hostInstanceType=" + in.HostInstanceType + "&storageType=" + in.StorageType
	page, next, size, err := pageFixed(c, scope, all)
	if err != nil {
		return nil, err
	}
	return &api.DescribeBrokerInstanceOptionsOutput{BrokerInstanceOptions: page, MaxResults: size, NextToken: next}, nil
}

// pageFixed pages a catalog, a fixed list: an entry's key is its position.
func pageFixed[T any](c *call, scope string, all []T) ([]T, string, int32, error) {
	type entry struct {
		i int
		v T
	}
	es := make([]entry, len(all))
	for i, v := range all {
		es[i] = entry{i, v}
	}
	page, next, size, err := pageOf(c, scope, es, func(e entry) []byte { return indexKey(e.i) })
	out := make([]T, len(page))
	for i, e := range page {
		out[i] = e.v
	}
	return out, next, size, err
}
