// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

// CreateUserInput is the input of CreateUser: creates an ActiveMQ user. Do not add personally identifiable
// information (PII) or other confidential or sensitive information in broker usernames.
type CreateUserInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// Enables access to the ActiveMQ Web Console for the ActiveMQ user.
	ConsoleAccess *bool `json:"consoleAccess,omitzero"`
	// The list of groups (20 maximum) to which the ActiveMQ user belongs.
	Groups []string `json:"groups,omitzero"`
	// The password of the user. This value must be at least 12 characters long, must contain at least 4 unique
	// characters, and must not contain commas, colons, or equal signs (,:=). Required.
	Password string `json:"password,omitzero" mq:"required,secret"`
	// Defines if this user is intended for CRDR replication purposes.
	ReplicationUser *bool `json:"replicationUser,omitzero"`
	// The username of the ActiveMQ user. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- . Required.
	Username string `json:"-" mq:"path=Username,required"`
}

// CreateUserOutput is the result of CreateUser.
type CreateUserOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
}

// DeleteUserInput is the input of DeleteUser: deletes an ActiveMQ user.
type DeleteUserInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// The username of the ActiveMQ user. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- . Required.
	Username string `json:"-" mq:"path=Username,required"`
}

// DeleteUserOutput is the result of DeleteUser.
type DeleteUserOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
}

// DescribeUserInput is the input of DescribeUser: returns information about an ActiveMQ user.
type DescribeUserInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// The username of the ActiveMQ user. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- . Required.
	Username string `json:"-" mq:"path=Username,required"`
}

// DescribeUserOutput is the result of DescribeUser.
type DescribeUserOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
	// Enables access to the the ActiveMQ Web Console for the ActiveMQ user.
	ConsoleAccess *bool `json:"consoleAccess,omitzero"`
	// The list of groups (20 maximum) to which the ActiveMQ user belongs.
	Groups []string `json:"groups,omitzero"`
	// The status of the changes pending for the ActiveMQ user.
	Pending *UserPendingChanges `json:"pending,omitzero"`
	// Describes whether the user is intended for data replication
	ReplicationUser *bool `json:"replicationUser,omitzero"`
	// The username of the ActiveMQ user. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- .
	Username string `json:"username,omitzero"`
}

// ListUsersInput is the input of ListUsers: returns a list of all ActiveMQ users.
type ListUsersInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// The maximum number of brokers that Amazon MQ can return per page (20 by default).
	MaxResults int32 `json:"-" mq:"query=maxResults"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"-" mq:"query=nextToken"`
}

// ListUsersOutput is the result of ListUsers.
type ListUsersOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The unique ID that Amazon MQ generates for the broker.
	BrokerID string `json:"brokerId,omitzero" mq:"name=BrokerId"`
	// The maximum number of ActiveMQ users that can be returned per page (20 by default).
	MaxResults int32 `json:"maxResults,omitzero"`
	// The token that specifies the next page of results Amazon MQ should return.
	NextToken string `json:"nextToken,omitzero"`
	// The list of all ActiveMQ usernames for the specified broker.
	Users []UserSummary `json:"users,omitzero"`
}

// UpdateUserInput is the input of UpdateUser: updates the information for an ActiveMQ user.
type UpdateUserInput struct {
	// The unique ID that Amazon MQ generates for the broker. Required.
	BrokerID string `json:"-" mq:"path=BrokerId,required,name=BrokerId"`
	// Enables access to the the ActiveMQ Web Console for the ActiveMQ user.
	ConsoleAccess *bool `json:"consoleAccess,omitzero"`
	// The list of groups (20 maximum) to which the ActiveMQ user belongs.
	Groups []string `json:"groups,omitzero"`
	// The password of the user. This value must be at least 12 characters long, must contain at least 4 unique
	// characters, and must not contain commas, colons, or equal signs (,:=).
	Password string `json:"password,omitzero" mq:"secret"`
	// Defines whether the user is intended for data replication.
	ReplicationUser *bool `json:"replicationUser,omitzero"`
	// The username of the ActiveMQ user. This value can contain only alphanumeric characters, dashes, periods,
	// underscores, and tildes (- . Required.
	Username string `json:"-" mq:"path=Username,required"`
}

// UpdateUserOutput is the result of UpdateUser.
type UpdateUserOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
}
