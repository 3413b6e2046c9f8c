package mqtest

import (
	"context"
	"maps"

	"github.com/mqrest/mqrest/api"
)

// taggedTags returns the tag map of the broker or configuration with the
// ARN (a tag operation's ResourceArn), or a 404. The ARN must be the
// resource's exact ARN.
func (c *call) taggedTags(arn string) (map[string]string, error) {
	if !c.owns(arn) {
		// authorize denies another account's ARN before this runs.
		return nil, notFound("resource-arn", "Can't find requested resource [%s]. Make sure your resource exists.", arn)
	}
	if b := c.h.brokerByARN(arn); b != nil {
		return b.Tags, nil
	}
	if cfg := c.h.configByARN(arn); cfg != nil {
		return cfg.Tags, nil
	}
	return nil, notFound("resource-arn", "Can't find requested resource [%s]. Make sure your resource exists.", arn)
}

func (service) CreateTags(ctx context.Context, in *api.CreateTagsInput) (*api.CreateTagsOutput, error) {
	c := callOf(ctx)
	tags, err := c.taggedTags(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	for k := range in.Tags {
		if k == "" || len(k) > 128 {
			return nil, badRequest("tags", "The request failed because a tag key must be 1-128 characters.")
		}
	}
	maps.Copy(tags, in.Tags)
	c.changed = len(in.Tags) > 0
	return &api.CreateTagsOutput{}, nil
}

func (service) DeleteTags(ctx context.Context, in *api.DeleteTagsInput) (*api.DeleteTagsOutput, error) {
	c := callOf(ctx)
	tags, err := c.taggedTags(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	for _, k := range in.TagKeys {
		if _, ok := tags[k]; ok {
			delete(tags, k)
			c.changed = true
		}
	}
	return &api.DeleteTagsOutput{}, nil
}

func (service) ListTags(ctx context.Context, in *api.ListTagsInput) (*api.ListTagsOutput, error) {
	c := callOf(ctx)
	tags, err := c.taggedTags(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(tags)
	if out == nil {
		out = map[string]string{}
	}
	return &api.ListTagsOutput{Tags: out}, nil
}
