package api

import (
	"errors"
	"regexp"
	"strings"
)

// Partition is an AWS partition as the endpoint rules of the MQ model know it.
type Partition struct {
	// Name is the partition name used in ARNs: "aws", "aws-cn", ...
	Name string
	// DNSSuffix and DualStackDNSSuffix complete endpoint host names.
	DNSSuffix, DualStackDNSSuffix string
	regex                         *regexp.Regexp
}

// Partitions lists the partitions in the order they are matched.
var Partitions = []Partition{
	{"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", regexp.MustCompile(`^cn\-\w+\-\d+$`)},
	{"aws-us-gov", "amazonaws.com", "api.aws", regexp.MustCompile(`^us\-gov\-\w+\-\d+$`)},
	{"aws-iso", "c2s.ic.gov", "api.aws.ic.gov", regexp.MustCompile(`^us\-iso\-\w+\-\d+$`)},
	{"aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", regexp.MustCompile(`^us\-isob\-\w+\-\d+$`)},
	{"aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", regexp.MustCompile(`^eu\-isoe\-\w+\-\d+$`)},
	{"aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", regexp.MustCompile(`^us\-isof\-\w+\-\d+$`)},
	{"aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", regexp.MustCompile(`^eusc\-(de)\-\w+\-\d+$`)},
	{"aws", "amazonaws.com", "api.aws", regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`)},
}

// PartitionOf returns the partition of region; regions that match none are
// in the "aws" partition, as the endpoint rules say.
func PartitionOf(region string) Partition {
	region = NormalizeRegion(region)
	for _, p := range Partitions {
		if p.regex.MatchString(region) {
			return p
		}
	}
	return Partitions[len(Partitions)-1]
}

// NormalizeRegion removes the "fips-" / "-fips" decorations of pseudo
// regions such as "fips-us-east-1" or "us-east-1-fips".
func NormalizeRegion(region string) string {
	region = strings.TrimPrefix(region, "fips-")
	region = strings.TrimSuffix(region, "-fips")
	return strings.Replace(region, "-fips-", "-", 1)
}

var hostLabel = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$`)

// ErrInvalidRegion is returned for a missing region or one that is not a
// valid host label.
var ErrInvalidRegion = errors.New("mqrest: invalid or missing region")

// Endpoint returns the Amazon MQ endpoint URL for region, following the
// model's endpoint rules: https://mq[-fips].{region}.{dnsSuffix or dualStackDnsSuffix}.
func Endpoint(region string, fips, dualStack bool) (string, error) {
	region = NormalizeRegion(region)
	if !hostLabel.MatchString(region) {
		return "", ErrInvalidRegion
	}
	p := PartitionOf(region)
	host := "mq"
	if fips {
		host = "mq-fips"
	}
	suffix := p.DNSSuffix
	if dualStack {
		suffix = p.DualStackDNSSuffix
	}
	return "https://" + host + "." + region + "." + suffix, nil
}
