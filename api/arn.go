package api

import (
	"errors"
	"strings"
)

// ARN is a parsed Amazon MQ resource ARN.
type ARN struct {
	// Partition is "aws", "aws-cn", "aws-us-gov", ...
	Partition string
	// Region and Account locate the resource.
	Region, Account string
	// Type is "broker" or "configuration".
	Type string
	// Name is the broker name ("" for configurations).
	Name string
	// ID is the broker or configuration ID.
	ID string
}

// String formats the ARN.
func (a ARN) String() string {
	s := "arn:" + a.Partition + ":mq:" + a.Region + ":" + a.Account + ":" + a.Type + ":"
	if a.Type == "broker" {
		return s + a.Name + ":" + a.ID
	}
	return s + a.ID
}

var errNotMQARN = errors.New("must be an Amazon MQ broker or configuration ARN (arn:<partition>:mq:<region>:<account>:broker:<name>:<id> or ...:configuration:<id>)")

// ParseARN parses an Amazon MQ broker or configuration ARN. Older broker
// ARNs without the name (…:broker:<id>) are accepted too.
func ParseARN(s string) (ARN, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 7 || parts[0] != "arn" || parts[1] == "" || parts[2] != "mq" || parts[3] == "" || parts[4] == "" {
		return ARN{}, errNotMQARN
	}
	a := ARN{Partition: parts[1], Region: parts[3], Account: parts[4], Type: parts[5]}
	switch {
	case a.Type == "broker" && len(parts) == 8 && parts[6] != "" && parts[7] != "":
		a.Name, a.ID = parts[6], parts[7]
	case a.Type == "broker" && len(parts) == 7 && parts[6] != "":
		a.ID = parts[6]
	case a.Type == "configuration" && len(parts) == 7 && parts[6] != "":
		a.ID = parts[6]
	default:
		return ARN{}, errNotMQARN
	}
	return a, nil
}

// BrokerARN returns the ARN of a broker.
func BrokerARN(partition, region, account, name, id string) string {
	return ARN{Partition: partition, Region: region, Account: account, Type: "broker", Name: name, ID: id}.String()
}

// ConfigurationARN returns the ARN of a configuration.
func ConfigurationARN(partition, region, account, id string) string {
	return ARN{Partition: partition, Region: region, Account: account, Type: "configuration", ID: id}.String()
}
