package mqtest_test

import (
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

// rabbitOn is a valid CreateBroker body of a single-instance RabbitMQ
// broker on the instance type.
func rabbitOn(name, instanceType string) map[string]any {
	b := brokerBody(name)
	b["engineType"], b["hostInstanceType"] = "RABBITMQ", instanceType
	return b
}

// TestServiceRules checks each rule of the service with its status, error
// code, errorAttribute and message (Amazon MQ's own words where they are
// known: the engine version, autoMinorVersionUpgrade and RabbitMQ user
// messages are quoted from the service's answers).
func TestServiceRules(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var on313 api.CreateBrokerOutput
	b313 := rabbitOn("r313b", "mq.m7g.large")
	b313["engineVersion"] = "3.13"
	c.must(200, "POST", "/v1/brokers", b313).decode(t, &on313)
	var amq api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", brokerBody("amq")).decode(t, &amq)

	with := func(b map[string]any, kv ...any) map[string]any {
		for i := 0; i < len(kv); i += 2 {
			b[kv[i].(string)] = kv[i+1]
		}
		return b
	}
	two := []map[string]any{{"username": "admin", "password": "passwordpassword1"}, {"username": "ops", "password": "passwordpassword2"}}
	ldap := map[string]any{"hosts": []string{"ldap.example.com"}, "roleBase": "ou=g", "roleSearchMatching": "(m={0})",
		"serviceAccountUsername": "svc", "serviceAccountPassword": "svcpassword123", "userBase": "ou=u", "userSearchMatching": "(u={0})"}
	tests := map[string]errorCase{
		"patch version at CreateBroker": {method: "POST", path: "/v1/brokers", body: with(rabbitOn("p", "mq.m5.large"), "engineVersion", "3.13.7"),
			status: 400, code: "BadRequestException", attr: "engineVersion",
			msg: "Broker engine version [3.13.7] is invalid for broker engine type [RABBITMQ]. Valid values: [4.2, 3.13]."},
		"patch version at CreateConfiguration": {method: "POST", path: "/v1/configurations", body: map[string]any{"name": "c", "engineType": "ACTIVEMQ", "engineVersion": "5.18.4"},
			status: 400, code: "BadRequestException", attr: "engineVersion",
			msg: "Broker engine version [5.18.4] is invalid for broker engine type [ACTIVEMQ]. Valid values: [5.19, 5.18]."},
		"patch version at UpdateBroker": {method: "PUT", path: "/v1/brokers/" + on313.BrokerID, body: map[string]any{"engineVersion": "3.13.7"},
			status: 400, code: "BadRequestException", attr: "engineVersion",
			msg: "Broker engine version [3.13.7] is invalid for broker engine type [RABBITMQ]. Valid values: [3.13]."},
		"autoMinorVersionUpgrade false at CreateBroker": {method: "POST", path: "/v1/brokers", body: with(brokerBody("a"), "autoMinorVersionUpgrade", false, "engineVersion", "5.18"),
			status: 400, code: "BadRequestException", attr: "autoMinorVersionUpgrade",
			msg: "Brokers on [ActiveMQ] version [5.18] must have [autoMinorVersionUpgrade] set to [true]."},
		"autoMinorVersionUpgrade false at UpdateBroker": {method: "PUT", path: "/v1/brokers/" + on313.BrokerID, body: map[string]any{"autoMinorVersionUpgrade": false},
			status: 400, code: "BadRequestException", attr: "autoMinorVersionUpgrade",
			msg: "Brokers on [RabbitMQ] version [3.13] must have [autoMinorVersionUpgrade] set to [true]."},
		"RabbitMQ without a user": {method: "POST", path: "/v1/brokers", body: with(rabbitOn("n", "mq.m5.large"), "users", []any{}),
			status: 400, code: "BadRequestException", attr: "users", msg: "Specify exactly one user for engine type [RABBITMQ]."},
		"RabbitMQ with two users": {method: "POST", path: "/v1/brokers", body: with(rabbitOn("t", "mq.m5.large"), "users", two),
			status: 400, code: "BadRequestException", attr: "users", msg: "Specify exactly one user for engine type [RABBITMQ]."},
		"RabbitMQ LDAP with a user": {method: "POST", path: "/v1/brokers", body: with(rabbitOn("l", "mq.m7g.large"), "authenticationStrategy", "LDAP", "ldapServerMetadata", ldap),
			status: 400, code: "BadRequestException", attr: "users", msg: "Specify no users for engine type [RABBITMQ] with authentication strategy [LDAP]"},
		"RabbitMQ CONFIG_MANAGED with a user": {method: "POST", path: "/v1/brokers", body: with(rabbitOn("m", "mq.m7g.large"), "authenticationStrategy", "CONFIG_MANAGED"),
			status: 400, code: "BadRequestException", attr: "users", msg: "Specify no users for engine type [RABBITMQ] with authentication strategy [CONFIG_MANAGED]"},
		"users API on RabbitMQ": {method: "GET", path: "/v1/brokers/" + on313.BrokerID + "/users",
			status: 400, code: "BadRequestException", attr: "broker-id", msg: "The users API does not apply to RabbitMQ brokers"},
		"RabbitMQ 4.2 off mq.m7g": {method: "POST", path: "/v1/brokers", body: with(rabbitOn("x", "mq.m5.large"), "engineVersion", "4.2"),
			status: 400, code: "BadRequestException", attr: "engineVersion", msg: "mq.m7g instance types only"},
		"3.13 does not upgrade in place to 4.2": {method: "PUT", path: "/v1/brokers/" + on313.BrokerID, body: map[string]any{"engineVersion": "4.2"},
			status: 400, code: "BadRequestException", attr: "engineVersion",
			msg: "Broker engine version [4.2] is invalid for broker engine type [RABBITMQ]. Valid values: [3.13]."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { tc.check(t, c) })
	}

	t.Run("what the rules allow", func(t *testing.T) {
		c.must(200, "PUT", "/v1/brokers/"+on313.BrokerID, map[string]any{"engineVersion": "3.13", "autoMinorVersionUpgrade": true})
		c.must(200, "POST", "/v1/brokers", with(rabbitOn("ok-ldap", "mq.m7g.large"), "authenticationStrategy", "LDAP", "ldapServerMetadata", ldap, "users", []any{}))
		c.must(200, "POST", "/v1/brokers", with(brokerBody("ok-amq"), "engineVersion", "5.18", "autoMinorVersionUpgrade", true, "users", two))
		c.must(200, "PUT", "/v1/brokers/"+amq.BrokerID, map[string]any{"engineVersion": "5.18"})
	})

	t.Run("a rebooting broker cannot be deleted", func(t *testing.T) {
		srv2 := newServer(t) // transitions take the default delay on its frozen clock
		c2 := admin(t, srv2)
		var b2 api.CreateBrokerOutput
		c2.must(200, "POST", "/v1/brokers", brokerBody("r")).decode(t, &b2)
		srv2.Clock().Advance(mqtest.DefaultBrokerCreateDelay)
		c2.must(200, "POST", "/v1/brokers/"+b2.BrokerID+"/reboot", nil)
		wantError(t, c2.send("DELETE", "/v1/brokers/"+b2.BrokerID, nil), 409, "ConflictException", "broker-id",
			"Broker ["+b2.BrokerID+"] is in state [REBOOT_IN_PROGRESS] and cannot be deleted")
		srv2.Clock().Advance(mqtest.DefaultBrokerCreateDelay)
		c2.must(200, "DELETE", "/v1/brokers/"+b2.BrokerID, nil)
	})
}
