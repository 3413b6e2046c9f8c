package mqtest

import (
	"slices"
	"strings"

	"github.com/mqrest/mqrest/api"
)

// engineVersions lists the engine versions offered, newest first.
var engineVersions = map[api.EngineType][]string{
	api.EngineTypeActivemq: {"5.18", "5.17"},
	api.EngineTypeRabbitmq: {"4.2", "3.13"},
}

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

// knownVersion returns the catalog version that v names ("5.18" or a patch
// release of it such as "5.18.4"), or "".
func knownVersion(e api.EngineType, v string) string {
	for _, k := range engineVersions[e] {
		if v == k || strings.HasPrefix(v, k+".") {
			return v
		}
	}
	return ""
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
					SupportedEngineVersions:  engineVersions[e],
				})
			}
		}
	}
	return out
}

func describeBrokerEngineTypes(c *call) (any, error) {
	in := c.in.(*api.DescribeBrokerEngineTypesInput)
	all := engineTypes(in.EngineType)
	lo, hi, next, size, err := c.page("engineType="+in.EngineType, len(all))
	if err != nil {
		return nil, err
	}
	return &api.DescribeBrokerEngineTypesOutput{BrokerEngineTypes: all[lo:hi], MaxResults: size, NextToken: next}, nil
}

func describeBrokerInstanceOptions(c *call) (any, error) {
	in := c.in.(*api.DescribeBrokerInstanceOptionsInput)
	all := c.h.instanceOptions(in.EngineType, in.HostInstanceType, in.StorageType)
	scope := "engineType=" + in.EngineType + "&hostInstanceType=" + in.HostInstanceType + "&storageType=" + in.StorageType
	lo, hi, next, size, err := c.page(scope, len(all))
	if err != nil {
		return nil, err
	}
	return &api.DescribeBrokerInstanceOptionsOutput{BrokerInstanceOptions: all[lo:hi], MaxResults: size, NextToken: next}, nil
}
