package mqtest

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/mqrest/mqrest/api"
)

// Private networking for RabbitMQ brokers: UpdateBroker's resourceShareArns
// is the target list of AWS RAM resource shares, kept pending like the other
// UpdateBroker changes and applied, replacing the whole list, at the next
// reboot (when Amazon MQ creates the resource VPC endpoints).
// DescribeSharedResources reports one RESOURCE_SHARE entry per share:
// AVAILABLE once applied, PENDING_CREATE while it waits for the reboot, and
// PENDING_DELETE for an applied share the pending list leaves out. Nothing is
// shared for real, so no share has resources (RESOURCE entries), DNS names or
// errors.

// resourceShareARN is the form of an AWS RAM resource share ARN.
var resourceShareARN = regexp.MustCompile(`^arn:[a-z][a-z0-9-]*:ram:[a-z0-9-]+:[0-9]{12}:resource-share/[A-Za-z0-9][A-Za-z0-9-]*$`)

// checkResourceShares checks an UpdateBroker target list of resource
// shares (nil: not sent).
func checkResourceShares(b *broker, arns []string) error {
	if arns == nil {
		return nil
	}
	if b.EngineType != api.EngineTypeRabbitmq {
		return badRequest("resourceShareArns", "Private networking (resourceShareArns) is supported for RabbitMQ brokers only; broker [%s] is a %s broker.", b.ID, b.EngineType)
	}
	for i, arn := range arns {
		if !resourceShareARN.MatchString(arn) {
			return badRequest("resourceShareArns", "The request failed because [resourceShareArns][%d] [%s] is not a resource share ARN (arn:<partition>:ram:<region>:<account>:resource-share/<id>).", i, arn)
		}
		if slices.Contains(arns[:i], arn) {
			return badRequest("resourceShareArns", "Resource share [%s] is listed twice.", arn)
		}
	}
	return nil
}

func (service) DescribeSharedResources(ctx context.Context, in *api.DescribeSharedResourcesInput) (*api.DescribeSharedResourcesOutput, error) {
	c := callOf(ctx)
	b, err := c.findBroker(in.BrokerID)
	if err != nil {
		return nil, err
	}
	if b.EngineType != api.EngineTypeRabbitmq {
		return nil, badRequest("broker-id", "Broker [%s] is a %s broker; private networking is supported for RabbitMQ brokers only.", b.ID, b.EngineType)
	}
	page, next, _, err := pageOf(c, b.ID, sharedResources(b), func(r api.SharedResource) []byte { return []byte(r.ResourceARN) })
	if err != nil {
		return nil, err
	}
	return &api.DescribeSharedResourcesOutput{NextToken: next, SharedResources: page}, nil
}

// sharedResources lists the broker's resource shares by ARN, the key its
// pages are cut by.
func sharedResources(b *broker) []api.SharedResource {
	pending := b.Pending.ResourceShareARNs
	out := []api.SharedResource{}
	add := func(arn string, status api.SharedResourceStatus) {
		out = append(out, api.SharedResource{ResourceARN: arn, ResourceShareARNs: []string{arn},
			Status: status, Type: api.SharedResourceTypeResourceShare})
	}
	for _, arn := range b.ResourceShareARNs {
		status := api.SharedResourceStatusAvailable
		if pending != nil && !slices.Contains(pending, arn) {
			status = api.SharedResourceStatusPendingDelete
		}
		add(arn, status)
	}
	for _, arn := range pending {
		if !slices.Contains(b.ResourceShareARNs, arn) {
			add(arn, api.SharedResourceStatusPendingCreate)
		}
	}
	slices.SortFunc(out, func(x, y api.SharedResource) int { return strings.Compare(x.ResourceARN, y.ResourceARN) })
	return out
}
