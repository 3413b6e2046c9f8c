// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

// DescribeBrokerEngineTypesInput is the input of DescribeBrokerEngineTypes: describe available engine types and
// versions.
type DescribeBrokerEngineTypesInput struct {
	// Filter response by engine type.
	EngineType string `json:"-" mq:"query=engineType"`
	// The maximum number of brokers that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"-" mq:"query=maxResults"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"-" mq:"query=nextToken"`
}

// DescribeBrokerEngineTypesOutput is the result of DescribeBrokerEngineTypes.
type DescribeBrokerEngineTypesOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// List of available engine types and versions.
	BrokerEngineTypes []BrokerEngineType `json:"brokerEngineTypes,omitzero"`
	// The maximum number of engine types that can be returned per page (20 by default).
	MaxResults int32 `json:"maxResults,omitzero"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"nextToken,omitzero"`
}

// DescribeBrokerInstanceOptionsInput is the input of DescribeBrokerInstanceOptions: describe available broker
// instance options.
type DescribeBrokerInstanceOptionsInput struct {
	// Filter response by engine type.
	EngineType string `json:"-" mq:"query=engineType"`
	// Filter response by host instance type.
	HostInstanceType string `json:"-" mq:"query=hostInstanceType"`
	// The maximum number of brokers that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"-" mq:"query=maxResults"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"-" mq:"query=nextToken"`
	// Filter response by storage type.
	StorageType string `json:"-" mq:"query=storageType"`
}

// DescribeBrokerInstanceOptionsOutput is the result of DescribeBrokerInstanceOptions.
type DescribeBrokerInstanceOptionsOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// List of available broker instance options.
	BrokerInstanceOptions []BrokerInstanceOption `json:"brokerInstanceOptions,omitzero"`
	// The maximum number of instance options that can be returned per page (20 by default).
	MaxResults int32 `json:"maxResults,omitzero"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"nextToken,omitzero"`
}
