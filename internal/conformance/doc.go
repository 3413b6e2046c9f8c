// Package conformance holds tests that hold mqrest to the official
// aws-sdk-go-v2/service/mq client: the same inputs must put the same
// requests on the wire, and the same responses must decode to the same
// values. It is its own module so that the library's go.mod never requires
// service/mq.
package conformance
