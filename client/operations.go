package client

import (
	"context"

	"github.com/mqrest/mqrest/api"
)

// The operation methods. Each is a thin call into the one request path;
// the operation table in package api says how each travels.

var (
	opCreateBroker                  = api.Lookup("CreateBroker")
	opCreateConfiguration           = api.Lookup("CreateConfiguration")
	opCreateTags                    = api.Lookup("CreateTags")
	opCreateUser                    = api.Lookup("CreateUser")
	opDeleteBroker                  = api.Lookup("DeleteBroker")
	opDeleteConfiguration           = api.Lookup("DeleteConfiguration")
	opDeleteTags                    = api.Lookup("DeleteTags")
	opDeleteUser                    = api.Lookup("DeleteUser")
	opDescribeBroker                = api.Lookup("DescribeBroker")
	opDescribeBrokerEngineTypes     = api.Lookup("DescribeBrokerEngineTypes")
	opDescribeBrokerInstanceOptions = api.Lookup("DescribeBrokerInstanceOptions")
	opDescribeConfiguration         = api.Lookup("DescribeConfiguration")
	opDescribeConfigurationRevision = api.Lookup("DescribeConfigurationRevision")
	opDescribeUser                  = api.Lookup("DescribeUser")
	opListBrokers                   = api.Lookup("ListBrokers")
	opListConfigurationRevisions    = api.Lookup("ListConfigurationRevisions")
	opListConfigurations            = api.Lookup("ListConfigurations")
	opListTags                      = api.Lookup("ListTags")
	opListUsers                     = api.Lookup("ListUsers")
	opPromote                       = api.Lookup("Promote")
	opRebootBroker                  = api.Lookup("RebootBroker")
	opUpdateBroker                  = api.Lookup("UpdateBroker")
	opUpdateConfiguration           = api.Lookup("UpdateConfiguration")
	opUpdateUser                    = api.Lookup("UpdateUser")
)

// CreateBroker creates a broker.
//
// Amazon MQ API: POST /v1/brokers
func (c *Client) CreateBroker(ctx context.Context, in *api.CreateBrokerInput) (*api.CreateBrokerOutput, error) {
	out := new(api.CreateBrokerOutput)
	if err := c.do(ctx, opCreateBroker, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateConfiguration creates a new configuration for the specified configuration name.
//
// Amazon MQ API: POST /v1/configurations
func (c *Client) CreateConfiguration(ctx context.Context, in *api.CreateConfigurationInput) (*api.CreateConfigurationOutput, error) {
	out := new(api.CreateConfigurationOutput)
	if err := c.do(ctx, opCreateConfiguration, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateTags add a tag to a resource.
//
// Amazon MQ API: POST /v1/tags/{ResourceArn}
func (c *Client) CreateTags(ctx context.Context, in *api.CreateTagsInput) (*api.CreateTagsOutput, error) {
	out := new(api.CreateTagsOutput)
	if err := c.do(ctx, opCreateTags, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateUser creates an ActiveMQ user.
//
// Amazon MQ API: POST /v1/brokers/{BrokerId}/users/{Username}
func (c *Client) CreateUser(ctx context.Context, in *api.CreateUserInput) (*api.CreateUserOutput, error) {
	out := new(api.CreateUserOutput)
	if err := c.do(ctx, opCreateUser, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteBroker deletes a broker.
//
// Amazon MQ API: DELETE /v1/brokers/{BrokerId}
func (c *Client) DeleteBroker(ctx context.Context, in *api.DeleteBrokerInput) (*api.DeleteBrokerOutput, error) {
	out := new(api.DeleteBrokerOutput)
	if err := c.do(ctx, opDeleteBroker, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteConfiguration deletes the specified configuration.
//
// Amazon MQ API: DELETE /v1/configurations/{ConfigurationId}
func (c *Client) DeleteConfiguration(ctx context.Context, in *api.DeleteConfigurationInput) (*api.DeleteConfigurationOutput, error) {
	out := new(api.DeleteConfigurationOutput)
	if err := c.do(ctx, opDeleteConfiguration, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteTags removes a tag from a resource.
//
// Amazon MQ API: DELETE /v1/tags/{ResourceArn}
func (c *Client) DeleteTags(ctx context.Context, in *api.DeleteTagsInput) (*api.DeleteTagsOutput, error) {
	out := new(api.DeleteTagsOutput)
	if err := c.do(ctx, opDeleteTags, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteUser deletes an ActiveMQ user.
//
// Amazon MQ API: DELETE /v1/brokers/{BrokerId}/users/{Username}
func (c *Client) DeleteUser(ctx context.Context, in *api.DeleteUserInput) (*api.DeleteUserOutput, error) {
	out := new(api.DeleteUserOutput)
	if err := c.do(ctx, opDeleteUser, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeBroker returns information about the specified broker.
//
// Amazon MQ API: GET /v1/brokers/{BrokerId}
func (c *Client) DescribeBroker(ctx context.Context, in *api.DescribeBrokerInput) (*api.DescribeBrokerOutput, error) {
	out := new(api.DescribeBrokerOutput)
	if err := c.do(ctx, opDescribeBroker, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeBrokerEngineTypes describe available engine types and versions.
//
// Amazon MQ API: GET /v1/broker-engine-types
func (c *Client) DescribeBrokerEngineTypes(ctx context.Context, in *api.DescribeBrokerEngineTypesInput) (*api.DescribeBrokerEngineTypesOutput, error) {
	out := new(api.DescribeBrokerEngineTypesOutput)
	if err := c.do(ctx, opDescribeBrokerEngineTypes, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeBrokerInstanceOptions describe available broker instance options.
//
// Amazon MQ API: GET /v1/broker-instance-options
func (c *Client) DescribeBrokerInstanceOptions(ctx context.Context, in *api.DescribeBrokerInstanceOptionsInput) (*api.DescribeBrokerInstanceOptionsOutput, error) {
	out := new(api.DescribeBrokerInstanceOptionsOutput)
	if err := c.do(ctx, opDescribeBrokerInstanceOptions, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeConfiguration returns information about the specified configuration.
//
// Amazon MQ API: GET /v1/configurations/{ConfigurationId}
func (c *Client) DescribeConfiguration(ctx context.Context, in *api.DescribeConfigurationInput) (*api.DescribeConfigurationOutput, error) {
	out := new(api.DescribeConfigurationOutput)
	if err := c.do(ctx, opDescribeConfiguration, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeConfigurationRevision returns the specified configuration revision for the specified configuration.
//
// Amazon MQ API: GET /v1/configurations/{ConfigurationId}/revisions/{ConfigurationRevision}
func (c *Client) DescribeConfigurationRevision(ctx context.Context, in *api.DescribeConfigurationRevisionInput) (*api.DescribeConfigurationRevisionOutput, error) {
	out := new(api.DescribeConfigurationRevisionOutput)
	if err := c.do(ctx, opDescribeConfigurationRevision, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeUser returns information about an ActiveMQ user.
//
// Amazon MQ API: GET /v1/brokers/{BrokerId}/users/{Username}
func (c *Client) DescribeUser(ctx context.Context, in *api.DescribeUserInput) (*api.DescribeUserOutput, error) {
	out := new(api.DescribeUserOutput)
	if err := c.do(ctx, opDescribeUser, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListBrokers returns a list of all brokers.
//
// Amazon MQ API: GET /v1/brokers
func (c *Client) ListBrokers(ctx context.Context, in *api.ListBrokersInput) (*api.ListBrokersOutput, error) {
	out := new(api.ListBrokersOutput)
	if err := c.do(ctx, opListBrokers, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListConfigurationRevisions returns a list of all revisions for the specified configuration.
//
// Amazon MQ API: GET /v1/configurations/{ConfigurationId}/revisions
func (c *Client) ListConfigurationRevisions(ctx context.Context, in *api.ListConfigurationRevisionsInput) (*api.ListConfigurationRevisionsOutput, error) {
	out := new(api.ListConfigurationRevisionsOutput)
	if err := c.do(ctx, opListConfigurationRevisions, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListConfigurations returns a list of all configurations.
//
// Amazon MQ API: GET /v1/configurations
func (c *Client) ListConfigurations(ctx context.Context, in *api.ListConfigurationsInput) (*api.ListConfigurationsOutput, error) {
	out := new(api.ListConfigurationsOutput)
	if err := c.do(ctx, opListConfigurations, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListTags lists tags for a resource.
//
// Amazon MQ API: GET /v1/tags/{ResourceArn}
func (c *Client) ListTags(ctx context.Context, in *api.ListTagsInput) (*api.ListTagsOutput, error) {
	out := new(api.ListTagsOutput)
	if err := c.do(ctx, opListTags, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListUsers returns a list of all ActiveMQ users.
//
// Amazon MQ API: GET /v1/brokers/{BrokerId}/users
func (c *Client) ListUsers(ctx context.Context, in *api.ListUsersInput) (*api.ListUsersOutput, error) {
	out := new(api.ListUsersOutput)
	if err := c.do(ctx, opListUsers, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Promote promotes a data replication replica broker to the primary broker role.
//
// Amazon MQ API: POST /v1/brokers/{BrokerId}/promote
func (c *Client) Promote(ctx context.Context, in *api.PromoteInput) (*api.PromoteOutput, error) {
	out := new(api.PromoteOutput)
	if err := c.do(ctx, opPromote, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// RebootBroker reboots a broker.
//
// Amazon MQ API: POST /v1/brokers/{BrokerId}/reboot
func (c *Client) RebootBroker(ctx context.Context, in *api.RebootBrokerInput) (*api.RebootBrokerOutput, error) {
	out := new(api.RebootBrokerOutput)
	if err := c.do(ctx, opRebootBroker, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateBroker adds a pending configuration change to a broker.
//
// Amazon MQ API: PUT /v1/brokers/{BrokerId}
func (c *Client) UpdateBroker(ctx context.Context, in *api.UpdateBrokerInput) (*api.UpdateBrokerOutput, error) {
	out := new(api.UpdateBrokerOutput)
	if err := c.do(ctx, opUpdateBroker, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateConfiguration updates the specified configuration.
//
// Amazon MQ API: PUT /v1/configurations/{ConfigurationId}
func (c *Client) UpdateConfiguration(ctx context.Context, in *api.UpdateConfigurationInput) (*api.UpdateConfigurationOutput, error) {
	out := new(api.UpdateConfigurationOutput)
	if err := c.do(ctx, opUpdateConfiguration, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateUser updates the information for an ActiveMQ user.
//
// Amazon MQ API: PUT /v1/brokers/{BrokerId}/users/{Username}
func (c *Client) UpdateUser(ctx context.Context, in *api.UpdateUserInput) (*api.UpdateUserOutput, error) {
	out := new(api.UpdateUserOutput)
	if err := c.do(ctx, opUpdateUser, in, out); err != nil {
		return nil, err
	}
	return out, nil
}
