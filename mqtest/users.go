package mqtest

import (
	"context"
	"slices"
	"strings"

	"github.com/mqrest/mqrest/api"
)

// Users of ActiveMQ brokers change at the next reboot, as on Amazon MQ:
// CreateUser, UpdateUser and DeleteUser record a pending change that
// ListUsers, DescribeBroker and DescribeUser report until RebootBroker
// applies it. The users API does not apply to RabbitMQ brokers, whose users
// the broker itself manages ("RabbitMQ users will not be stored or
// displayed via the Amazon MQ Users API"): the five user operations answer
// 400 for them, and DescribeBroker lists no users, not even the
// administrative user given at creation. Passwords are checked and then
// forgotten.

// usersBroker returns the broker, by ID, of a user operation: an ActiveMQ
// broker of the caller's account.
func (c *call) usersBroker(id string) (*broker, error) {
	b, err := c.findBroker(id)
	if err != nil {
		return nil, err
	}
	if b.EngineType == api.EngineTypeRabbitmq {
		return nil, badRequest("broker-id", "The users API does not apply to RabbitMQ brokers: broker [%s] is of engine type [%s]; manage its users with the RabbitMQ management API or console.", b.ID, b.EngineType)
	}
	return b, nil
}

// userBroker returns the broker, by ID, of a user operation that changes
// users.
func (c *call) userBroker(id string) (*broker, error) {
	b, err := c.usersBroker(id)
	if err != nil {
		return nil, err
	}
	if b.Phase == phaseDeleting {
		return nil, needRunning(b)
	}
	return b, nil
}

// findUser returns the broker's user with the name, or a 404.
func (c *call) findUser(b *broker, name string) (*user, error) {
	u := b.Users[name]
	if u == nil {
		return nil, userNotFound(name)
	}
	return u, nil
}

func (service) CreateUser(ctx context.Context, in *api.CreateUserInput) (*api.CreateUserOutput, error) {
	c := callOf(ctx)
	b, err := c.userBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	if b.Users[in.Username] != nil {
		return nil, conflict("username", "User [%s] already exists on broker [%s].", in.Username, b.ID)
	}
	b.Users[in.Username] = &user{Username: in.Username, Change: api.ChangeTypeCreate, Next: &userAttrs{
		ConsoleAccess:   in.ConsoleAccess != nil && *in.ConsoleAccess,
		Groups:          nonNil(in.Groups),
		ReplicationUser: in.ReplicationUser != nil && *in.ReplicationUser,
	}}
	c.changed = true
	return &api.CreateUserOutput{}, nil
}

func (service) UpdateUser(ctx context.Context, in *api.UpdateUserInput) (*api.UpdateUserOutput, error) {
	c := callOf(ctx)
	b, err := c.userBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	u, err := c.findUser(b, in.Username)
	if err != nil {
		return nil, err
	}
	if u.Change == api.ChangeTypeDelete {
		return nil, conflict("username", "User [%s] is pending deletion; reboot the broker or create the user again.", u.Username)
	}
	next := u.Next
	if next == nil {
		cur := *u.Current
		cur.Groups = slices.Clone(cur.Groups)
		next = &cur
	}
	if in.ConsoleAccess != nil {
		next.ConsoleAccess = *in.ConsoleAccess
	}
	if in.Groups != nil {
		next.Groups = nonNil(in.Groups)
	}
	if in.ReplicationUser != nil {
		next.ReplicationUser = *in.ReplicationUser
	}
	u.Next = next
	if u.Change == "" {
		u.Change = api.ChangeTypeUpdate
	}
	c.changed = true
	return &api.UpdateUserOutput{}, nil
}

func (service) DeleteUser(ctx context.Context, in *api.DeleteUserInput) (*api.DeleteUserOutput, error) {
	c := callOf(ctx)
	b, err := c.userBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	u, err := c.findUser(b, in.Username)
	if err != nil {
		return nil, err
	}
	switch u.Change {
	case api.ChangeTypeCreate:
		delete(b.Users, u.Username) // never applied: the creation is withdrawn
	default:
		u.Change, u.Next = api.ChangeTypeDelete, nil
	}
	c.changed = true
	return &api.DeleteUserOutput{}, nil
}

func (service) DescribeUser(ctx context.Context, in *api.DescribeUserInput) (*api.DescribeUserOutput, error) {
	c := callOf(ctx)
	b, err := c.usersBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	u, err := c.findUser(b, in.Username)
	if err != nil {
		return nil, err
	}
	out := &api.DescribeUserOutput{BrokerID: b.ID, Username: u.Username}
	if cur := u.Current; cur != nil {
		out.ConsoleAccess = boolPtr(cur.ConsoleAccess)
		out.Groups = nonNil(cur.Groups)
		out.ReplicationUser = boolPtr(cur.ReplicationUser)
	}
	if u.Change != "" {
		out.Pending = &api.UserPendingChanges{PendingChange: u.Change}
		if n := u.Next; n != nil {
			out.Pending.ConsoleAccess = boolPtr(n.ConsoleAccess)
			out.Pending.Groups = nonNil(n.Groups)
		}
	}
	return out, nil
}

func (service) ListUsers(ctx context.Context, in *api.ListUsersInput) (*api.ListUsersOutput, error) {
	c := callOf(ctx)
	b, err := c.usersBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	page, next, size, err := pageOf(c, b.ID, userSummaries(b), func(u api.UserSummary) []byte { return []byte(u.Username) })
	if err != nil {
		return nil, err
	}
	return &api.ListUsersOutput{BrokerID: b.ID, MaxResults: size, NextToken: next, Users: page}, nil
}

// describedUsers is what DescribeBroker lists: a broker's users, none for
// RabbitMQ (whose one user, its administrator, the engine keeps itself).
func describedUsers(b *broker) []api.UserSummary {
	if b.EngineType == api.EngineTypeRabbitmq {
		return []api.UserSummary{}
	}
	return userSummaries(b)
}

// userSummaries lists a broker's users by name, with their pending change.
func userSummaries(b *broker) []api.UserSummary {
	out := []api.UserSummary{}
	for _, u := range b.Users {
		out = append(out, api.UserSummary{Username: u.Username, PendingChange: u.Change})
	}
	slices.SortFunc(out, func(x, y api.UserSummary) int { return strings.Compare(x.Username, y.Username) })
	return out
}
