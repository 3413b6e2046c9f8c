package api

import (
	"errors"
	"regexp"
	"strings"
	"sync"
)

// Partition is an AWS partition as the endpoint rules of the MQ model know it.
type Partition struct {
	// Name is the partition name used in ARNs: "aws", "aws-cn", ...
	Name string
	// DNSSuffix and DualStackDNSSuffix complete endpoint host names.
	DNSSuffix, DualStackDNSSuffix string
	pattern                       string
}

// partitionRegexps compiles the region patterns on first use, so that
// programs pay nothing for them at start-up.
var partitionRegexps = sync.OnceValue(func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(Partitions))
	for i, p := range Partitions {
		out[i] = regexp.MustCompile(p.pattern)
	}
	return out
})

// Partitions lists the partitions in the order they are matched.
var Partitions = []Partition{
	{"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", `^cn\-\w+\-\d+$`},
	{"aws-us-gov", "amazonaws.com", "api.aws", `^us\-gov\-\w+\-\d+$`},
	{"aws-iso", "c2s.ic.gov", "api.aws.ic.gov", `^us\-iso\-\w+\-\d+$`},
	{"aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", `^us\-isob\-\w+\-\d+$`},
	{"aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", `^eu\-isoe\-\w+\-\d+$`},
	{"aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", `^us\-isof\-\w+\-\d+$`},
	{"aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", `^eusc\-(de)\-\w+\-\d+$`},
	{"aws", "amazonaws.com", "api.aws", `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`},
}

// PartitionOf returns the partition of region; regions that match none are
// in the "aws" partition, as the endpoint rules say.
func PartitionOf(region string) Partition {
	region = NormalizeRegion(region)
	for i, re := range partitionRegexps() {
		if re.MatchString(region) {
			return Partitions[i]
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

// validHostLabel reports whether s is a DNS host label (letters, digits
// and '-', not starting with '-', at most 63 characters).
func validHostLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ErrInvalidRegion is returned for a missing region or one that is not a
// valid host label.
var ErrInvalidRegion = errors.New("mqrest: invalid or missing region")

// Endpoint returns the Amazon MQ endpoint URL for region, following the
// model's endpoint rules: https://mq[-fips].{region}.{dnsSuffix or dualStackDnsSuffix}.
func Endpoint(region string, fips, dualStack bool) (string, error) {
	region = NormalizeRegion(region)
	if !validHostLabel(region) {
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
