package client

import (
	"context"
	"iter"
	"reflect"

	"github.com/mqrest/mqrest/api"
)

// pageAll is the one paginator behind every XxxAll method. The sequence is
// lazy (nothing is sent until it is ranged over) and restartable (each
// range starts again from the caller's input, which is never modified). It
// stops at the last page, on an empty or repeated token, and on an error,
// which it yields once.
func pageAll[Item, In, Out any](c *Client, ctx context.Context, op *api.Operation, in *In) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		var cur In
		if in != nil {
			cur = *in
		}
		tokenField := reflect.ValueOf(&cur).Elem().FieldByName(op.Paging.InputToken)
		seen := map[string]bool{}
		// One page buffer serves every page: items are yielded by value, so
		// once a page is yielded its backing array is free. It is cleared
		// before reuse so that decoding starts from zero elements.
		var page []Item
		if n := api.Field(&cur, op.Paging.PageSize); n.IsValid() && n.CanInt() && n.Int() > 0 && n.Int() <= 1000 {
			page = make([]Item, 0, n.Int())
		}
		for {
			out := new(Out)
			items := api.Field(out, op.Paging.Items)
			if page != nil {
				clear(page[:cap(page)])
				items.Set(reflect.ValueOf(page[:0]))
			}
			if err := c.do(ctx, op, &cur, out); err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			page = items.Interface().([]Item)
			for _, item := range page {
				if !yield(item, nil) {
					return
				}
			}
			next := api.Field(out, op.Paging.OutputToken).String()
			if next == "" || seen[next] {
				return
			}
			seen[next] = true
			tokenField.SetString(next)
		}
	}
}

// ListBrokersAll returns every broker summary, fetching pages as the
// sequence is ranged over. in may be nil; its NextToken, if set, is where
// listing starts.
func (c *Client) ListBrokersAll(ctx context.Context, in *api.ListBrokersInput) iter.Seq2[api.BrokerSummary, error] {
	return pageAll[api.BrokerSummary, api.ListBrokersInput, api.ListBrokersOutput](c, ctx, opListBrokers, in)
}

// ListConfigurationsAll returns every configuration, page by page, lazily.
func (c *Client) ListConfigurationsAll(ctx context.Context, in *api.ListConfigurationsInput) iter.Seq2[api.Configuration, error] {
	return pageAll[api.Configuration, api.ListConfigurationsInput, api.ListConfigurationsOutput](c, ctx, opListConfigurations, in)
}

// ListConfigurationRevisionsAll returns every revision of a configuration,
// page by page, lazily.
func (c *Client) ListConfigurationRevisionsAll(ctx context.Context, in *api.ListConfigurationRevisionsInput) iter.Seq2[api.ConfigurationRevision, error] {
	return pageAll[api.ConfigurationRevision, api.ListConfigurationRevisionsInput, api.ListConfigurationRevisionsOutput](c, ctx, opListConfigurationRevisions, in)
}

// ListUsersAll returns every user of a broker, page by page, lazily.
func (c *Client) ListUsersAll(ctx context.Context, in *api.ListUsersInput) iter.Seq2[api.UserSummary, error] {
	return pageAll[api.UserSummary, api.ListUsersInput, api.ListUsersOutput](c, ctx, opListUsers, in)
}

// DescribeBrokerEngineTypesAll returns every engine type, page by page, lazily.
func (c *Client) DescribeBrokerEngineTypesAll(ctx context.Context, in *api.DescribeBrokerEngineTypesInput) iter.Seq2[api.BrokerEngineType, error] {
	return pageAll[api.BrokerEngineType, api.DescribeBrokerEngineTypesInput, api.DescribeBrokerEngineTypesOutput](c, ctx, opDescribeBrokerEngineTypes, in)
}

// DescribeBrokerInstanceOptionsAll returns every broker instance option,
// page by page, lazily.
func (c *Client) DescribeBrokerInstanceOptionsAll(ctx context.Context, in *api.DescribeBrokerInstanceOptionsInput) iter.Seq2[api.BrokerInstanceOption, error] {
	return pageAll[api.BrokerInstanceOption, api.DescribeBrokerInstanceOptionsInput, api.DescribeBrokerInstanceOptionsOutput](c, ctx, opDescribeBrokerInstanceOptions, in)
}
