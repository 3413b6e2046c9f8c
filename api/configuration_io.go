// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

import "time"

// CreateConfigurationInput is the input of CreateConfiguration: creates a new configuration for the specified
// configuration name.
type CreateConfigurationInput struct {
	// The authentication strategy associated with the configuration.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// The type of broker engine. Currently, Amazon MQ supports ACTIVEMQ and RABBITMQ. Required.
	EngineType EngineType `json:"engineType,omitzero" mq:"required"`
	// The broker engine version. Defaults to the latest available version for the specified broker engine type.
	EngineVersion string `json:"engineVersion,omitzero"`
	// The name of the configuration. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- . Required.
	Name string `json:"name,omitzero" mq:"required"`
	// Create tags when creating the configuration.
	Tags map[string]string `json:"tags,omitzero"`
}

// CreateConfigurationOutput is the result of CreateConfiguration.
type CreateConfigurationOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The Amazon Resource Name (ARN) of the configuration.
	ARN string `json:"arn,omitzero" mq:"name=Arn"`
	// The authentication strategy associated with the configuration.
	AuthenticationStrategy AuthenticationStrategy `json:"authenticationStrategy,omitzero"`
	// The date and time of the configuration.
	Created time.Time `json:"created,omitzero"`
	// The unique ID that Amazon MQ generates for the configuration.
	ID string `json:"id,omitzero" mq:"name=Id"`
	// The latest revision of the configuration.
	LatestRevision *ConfigurationRevision `json:"latestRevision,omitzero"`
	// The name of the configuration. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- .
	Name string `json:"name,omitzero"`
}

// DeleteConfigurationInput is the input of DeleteConfiguration: deletes the specified configuration.
type DeleteConfigurationInput struct {
	// The unique ID that Amazon MQ generates for the configuration. Required.
	ConfigurationID string `json:"-" mq:"path=ConfigurationId,required,name=ConfigurationId"`
}

// DeleteConfigurationOutput is the result of DeleteConfiguration.
type DeleteConfigurationOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the configuration.
	ConfigurationID string `json:"configurationId,omitzero" mq:"name=ConfigurationId"`
}

// DescribeConfigurationInput is the input of DescribeConfiguration: returns information about the specified
// configuration.
type DescribeConfigurationInput struct {
	// The unique ID that Amazon MQ generates for the configuration. Required.
	ConfigurationID string `json:"-" mq:"path=ConfigurationId,required,name=ConfigurationId"`
}

// DescribeConfigurationOutput is the result of DescribeConfiguration.
type DescribeConfigurationOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
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

// DescribeConfigurationRevisionInput is the input of DescribeConfigurationRevision: returns the specified
// configuration revision for the specified configuration.
type DescribeConfigurationRevisionInput struct {
	// The unique ID that Amazon MQ generates for the configuration. Required.
	ConfigurationID string `json:"-" mq:"path=ConfigurationId,required,name=ConfigurationId"`
	// The revision of the configuration. Required.
	ConfigurationRevision string `json:"-" mq:"path=ConfigurationRevision,required"`
}

// DescribeConfigurationRevisionOutput is the result of DescribeConfigurationRevision.
type DescribeConfigurationRevisionOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the configuration.
	ConfigurationID string `json:"configurationId,omitzero" mq:"name=ConfigurationId"`
	// The date and time of the configuration.
	Created time.Time `json:"created,omitzero"`
	// Amazon MQ for ActiveMQ: the base64-encoded XML configuration.
	Data string `json:"data,omitzero"`
	// The description of the configuration.
	Description string `json:"description,omitzero"`
}

// ListConfigurationRevisionsInput is the input of ListConfigurationRevisions: returns a list of all revisions
// for the specified configuration.
type ListConfigurationRevisionsInput struct {
	// The unique ID that Amazon MQ generates for the configuration. Required.
	ConfigurationID string `json:"-" mq:"path=ConfigurationId,required,name=ConfigurationId"`
	// The maximum number of brokers that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"-" mq:"query=maxResults"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"-" mq:"query=nextToken"`
}

// ListConfigurationRevisionsOutput is the result of ListConfigurationRevisions.
type ListConfigurationRevisionsOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the configuration.
	ConfigurationID string `json:"configurationId,omitzero" mq:"name=ConfigurationId"`
	// The maximum number of configuration revisions that can be returned per page (20 by default).
	MaxResults int32 `json:"maxResults,omitzero"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"nextToken,omitzero"`
	// The list of all revisions for the specified configuration.
	Revisions []ConfigurationRevision `json:"revisions,omitzero"`
}

// ListConfigurationsInput is the input of ListConfigurations: returns a list of all configurations.
type ListConfigurationsInput struct {
	// The maximum number of brokers that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"-" mq:"query=maxResults"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"-" mq:"query=nextToken"`
}

// ListConfigurationsOutput is the result of ListConfigurations.
type ListConfigurationsOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The list of all revisions for the specified configuration.
	Configurations []Configuration `json:"configurations,omitzero"`
	// The maximum number of configurations that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"maxResults,omitzero"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"nextToken,omitzero"`
}

// UpdateConfigurationInput is the input of UpdateConfiguration: updates the specified configuration.
type UpdateConfigurationInput struct {
	// The unique ID that Amazon MQ generates for the configuration. Required.
	ConfigurationID string `json:"-" mq:"path=ConfigurationId,required,name=ConfigurationId"`
	// Amazon MQ for Active MQ: The base64-encoded XML configuration. Required.
	Data string `json:"data,omitzero" mq:"required"`
	// The description of the configuration.
	Description string `json:"description,omitzero"`
}

// UpdateConfigurationOutput is the result of UpdateConfiguration.
type UpdateConfigurationOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The Amazon Resource Name (ARN) of the configuration.
	ARN string `json:"arn,omitzero" mq:"name=Arn"`
	// The date and time of the configuration.
	Created time.Time `json:"created,omitzero"`
	// The unique ID that Amazon MQ generates for the configuration.
	ID string `json:"id,omitzero" mq:"name=Id"`
	// The latest revision of the configuration.
	LatestRevision *ConfigurationRevision `json:"latestRevision,omitzero"`
	// The name of the configuration. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- .
	Name string `json:"name,omitzero"`
	// The list of the first 20 warnings about the configuration elements or attributes that were sanitized.
	Warnings []SanitizationWarning `json:"warnings,omitzero"`
}
