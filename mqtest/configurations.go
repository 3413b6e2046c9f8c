package mqtest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"strconv"

	"github.com/mqrest/mqrest/api"
)

// Default data of revision 1 of a new configuration.
const (
	defaultActiveMQData = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<broker xmlns="http://activemq.apache.org/schema/core">
  <plugins>
  </plugins>
</broker>
`
	defaultRabbitMQData = "# Default RabbitMQ delivery acknowledgement timeout is 30 minutes in milliseconds\n" +
		"consumer_timeout = 1800000\n"
)

func (service) CreateConfiguration(ctx context.Context, in *api.CreateConfigurationInput) (*api.CreateConfigurationOutput, error) {
	c := callOf(ctx)
	h, st := c.h, c.h.st
	e := in.EngineType
	version := in.EngineVersion
	if version == "" {
		version = latestVersion(e)
	} else if knownVersion(e, version) == "" {
		return nil, unsupportedVersion(e, version)
	}
	auth := in.AuthenticationStrategy
	if auth == "" {
		auth = api.AuthenticationStrategySimple
	}
	if auth == api.AuthenticationStrategyConfigManaged && e != api.EngineTypeRabbitmq {
		return nil, badRequest("authenticationStrategy", "CONFIG_MANAGED authentication is supported for RabbitMQ brokers only.")
	}
	data := defaultActiveMQData
	if e == api.EngineTypeRabbitmq {
		data = defaultRabbitMQData
	}
	cfg := &configuration{
		ID:                     st.newID("c"),
		Seq:                    st.nextSeq(),
		Name:                   in.Name,
		EngineType:             e,
		EngineVersion:          version,
		AuthenticationStrategy: auth,
		Created:                c.now,
		Tags:                   maps.Clone(in.Tags),
		Revisions: []revision{{Revision: 1, Created: c.now,
			Description: "Auto-generated default for " + in.Name + " on " + engineName(e) + " " + version,
			Data:        base64.StdEncoding.EncodeToString([]byte(data))}},
	}
	cfg.ARN = api.ConfigurationARN(h.partition, h.cfg.region, c.account(), cfg.ID)
	if cfg.Tags == nil {
		cfg.Tags = map[string]string{}
	}
	st.configs[cfg.ID] = cfg
	c.changed = true
	return &api.CreateConfigurationOutput{
		ARN: cfg.ARN, AuthenticationStrategy: auth, Created: c.now.UTC(), ID: cfg.ID,
		LatestRevision: revisionOut(cfg.latest()), Name: cfg.Name,
	}, nil
}

func revisionOut(r *revision) *api.ConfigurationRevision {
	return &api.ConfigurationRevision{Created: r.Created.UTC(), Description: r.Description, Revision: r.Revision}
}

// findConfig returns the configuration of the caller's account with the
// ID, or a 404.
func (c *call) findConfig(id string) (*configuration, error) {
	cfg := c.h.st.configs[id]
	if cfg == nil || !c.owns(cfg.ARN) {
		return nil, configNotFound(id)
	}
	c.h.st.markConfig(cfg)
	return cfg, nil
}

// configByARN returns the configuration with the ARN, or nil.
func (h *Handler) configByARN(arn string) *configuration {
	a, err := api.ParseARN(arn)
	if err != nil || a.Type != "configuration" {
		return nil
	}
	if cfg := h.st.configs[a.ID]; cfg != nil && cfg.ARN == arn {
		h.st.markConfig(cfg)
		return cfg
	}
	return nil
}

func configOut(cfg *configuration) api.Configuration {
	return api.Configuration{
		ARN: cfg.ARN, AuthenticationStrategy: cfg.AuthenticationStrategy, Created: cfg.Created.UTC(),
		Description: cfg.latest().Description, EngineType: cfg.EngineType, EngineVersion: cfg.EngineVersion,
		ID: cfg.ID, LatestRevision: revisionOut(cfg.latest()), Name: cfg.Name, Tags: maps.Clone(cfg.Tags),
	}
}

func (service) DescribeConfiguration(ctx context.Context, in *api.DescribeConfigurationInput) (*api.DescribeConfigurationOutput, error) {
	c := callOf(ctx)
	cfg, err := c.findConfig(in.ConfigurationID)
	if err != nil {
		return nil, err
	}
	o := configOut(cfg)
	return &api.DescribeConfigurationOutput{
		ARN: o.ARN, AuthenticationStrategy: o.AuthenticationStrategy, Created: o.Created, Description: o.Description,
		EngineType: o.EngineType, EngineVersion: o.EngineVersion, ID: o.ID, LatestRevision: o.LatestRevision,
		Name: o.Name, Tags: o.Tags,
	}, nil
}

func (service) ListConfigurations(ctx context.Context, in *api.ListConfigurationsInput) (*api.ListConfigurationsOutput, error) {
	c := callOf(ctx)
	page, next, size, err := pageSeq(c, "", c.h.st.configsAfter,
		func(cfg *configuration) (uint64, string) { return cfg.Seq, cfg.ID }, func(cfg *configuration) bool { return c.owns(cfg.ARN) })
	if err != nil {
		return nil, err
	}
	out := &api.ListConfigurationsOutput{Configurations: []api.Configuration{}, MaxResults: size, NextToken: next}
	for _, cfg := range page {
		out.Configurations = append(out.Configurations, configOut(cfg))
	}
	return out, nil
}

func (service) UpdateConfiguration(ctx context.Context, in *api.UpdateConfigurationInput) (*api.UpdateConfigurationOutput, error) {
	c := callOf(ctx)
	cfg, err := c.findConfig(in.ConfigurationID)
	if err != nil {
		return nil, err
	}
	data, derr := base64.StdEncoding.DecodeString(in.Data)
	if derr != nil {
		return nil, badRequest("data", "The request failed because [data] is not valid base64.")
	}
	if cfg.EngineType == api.EngineTypeActivemq && !wellFormedXML(data) {
		return nil, badRequest("data", "The request failed because [data] is not a well-formed XML document.")
	}
	r := revision{Revision: int32(len(cfg.Revisions) + 1), Created: c.now, Description: in.Description, Data: in.Data}
	cfg.Revisions = append(cfg.Revisions, r)
	c.changed = true
	return &api.UpdateConfigurationOutput{
		ARN: cfg.ARN, Created: cfg.Created.UTC(), ID: cfg.ID, LatestRevision: revisionOut(cfg.latest()),
		Name: cfg.Name, Warnings: []api.SanitizationWarning{},
	}, nil
}

// wellFormedXML reports whether data is one well-formed XML document.
func wellFormedXML(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	elements := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return elements > 0
		}
		if err != nil {
			return false
		}
		if _, ok := tok.(xml.StartElement); ok {
			elements++
		}
	}
}

func (service) DescribeConfigurationRevision(ctx context.Context, in *api.DescribeConfigurationRevisionInput) (*api.DescribeConfigurationRevisionOutput, error) {
	c := callOf(ctx)
	cfg, err := c.findConfig(in.ConfigurationID)
	if err != nil {
		return nil, err
	}
	n, perr := strconv.ParseInt(in.ConfigurationRevision, 10, 32)
	if perr != nil {
		return nil, badRequest("configuration-revision", "The request failed because [configuration-revision] must be an integer.")
	}
	r := cfg.revision(int32(n))
	if r == nil {
		return nil, notFound("configuration-revision", "Can't find requested revision [%s] of configuration [%s].", in.ConfigurationRevision, cfg.ID)
	}
	return &api.DescribeConfigurationRevisionOutput{
		ConfigurationID: cfg.ID, Created: r.Created.UTC(), Data: r.Data, Description: r.Description,
	}, nil
}

func (service) ListConfigurationRevisions(ctx context.Context, in *api.ListConfigurationRevisionsInput) (*api.ListConfigurationRevisionsOutput, error) {
	c := callOf(ctx)
	cfg, err := c.findConfig(in.ConfigurationID)
	if err != nil {
		return nil, err
	}
	page, next, size, err := pageOf(c, cfg.ID, cfg.Revisions, func(r revision) []byte { return indexKey(int(r.Revision)) })
	if err != nil {
		return nil, err
	}
	out := &api.ListConfigurationRevisionsOutput{ConfigurationID: cfg.ID, MaxResults: size, NextToken: next,
		Revisions: []api.ConfigurationRevision{}}
	for i := range page {
		out.Revisions = append(out.Revisions, *revisionOut(&page[i]))
	}
	return out, nil
}

func (service) DeleteConfiguration(ctx context.Context, in *api.DeleteConfigurationInput) (*api.DeleteConfigurationOutput, error) {
	c := callOf(ctx)
	cfg, err := c.findConfig(in.ConfigurationID)
	if err != nil {
		return nil, err
	}
	if c.h.st.configInUse(cfg.ID) {
		return nil, conflict("configuration-id", "Configuration [%s] is in use by a broker and cannot be deleted.", cfg.ID)
	}
	delete(c.h.st.configs, cfg.ID)
	c.changed = true
	return &api.DeleteConfigurationOutput{ConfigurationID: cfg.ID}, nil
}
