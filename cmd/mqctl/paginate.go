package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"reflect"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// pageFlags are the AWS CLI's pagination options of a paged operation.
type pageFlags struct {
	maxItems      int
	pageSize      int
	startingToken string
}

// resumeToken is where a listing cut short by --max-items resumes: the
// service's page token and how many items of that page were already shown.
// It travels as the AWS CLI's token does: base64 of
// {"NextToken": ..., "boto_truncate_amount": n}.
type resumeToken struct {
	NextToken string `json:"NextToken,omitempty"`
	Skip      int    `json:"boto_truncate_amount,omitempty"`
}

func (t resumeToken) encode() string {
	b, _ := json.Marshal(t)
	return base64.StdEncoding.EncodeToString(b)
}

// decodeResumeToken reads a --starting-token. A token that is not one of
// ours is taken as a service token, so a NextToken printed by --no-paginate
// works too.
func decodeResumeToken(s string) resumeToken {
	var t resumeToken
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && json.Unmarshal(b, &t) == nil && (t.NextToken != "" || t.Skip > 0) {
		return t
	}
	return resumeToken{NextToken: s}
}

// paginate calls a paged operation for every page and returns an output
// holding the merged item list, as the AWS CLI prints it: just the items
// (and, when --max-items cut the listing short, a NextToken to pass to
// --starting-token). It stops at the last page and on a token the service
// already gave (a service that loops would otherwise never end).
func paginate(ctx context.Context, c *client.Client, op *api.Operation, in any, pf pageFlags) (any, error) {
	out := op.NewOutput()
	items := api.Field(out, op.Paging.Items)
	merged := reflect.MakeSlice(items.Type(), 0, 0)
	cur := reflect.New(op.Input)
	cur.Elem().Set(reflect.ValueOf(in).Elem())
	tokenField := cur.Elem().FieldByName(op.Paging.InputToken)
	skip := 0
	if pf.startingToken != "" {
		start := decodeResumeToken(pf.startingToken)
		tokenField.SetString(start.NextToken)
		skip = start.Skip
	}
	seen := map[string]bool{}
	var resume *resumeToken
	for resume == nil {
		page, err := c.Invoke(ctx, op, cur.Interface())
		if err != nil {
			return nil, err
		}
		pageItems := api.Field(page, op.Paging.Items)
		pageToken := tokenField.String()
		for i := skip; i < pageItems.Len(); i++ {
			if pf.maxItems > 0 && merged.Len() == pf.maxItems {
				resume = &resumeToken{NextToken: pageToken, Skip: i}
				break
			}
			merged = reflect.Append(merged, pageItems.Index(i))
		}
		skip = 0
		next := api.Field(page, op.Paging.OutputToken).String()
		if resume != nil || next == "" || next == pageToken || seen[next] {
			break
		}
		seen[next] = true
		if pf.maxItems > 0 && merged.Len() == pf.maxItems {
			resume = &resumeToken{NextToken: next}
			break
		}
		tokenField.SetString(next)
	}
	items.Set(merged)
	if resume != nil {
		api.Field(out, op.Paging.OutputToken).SetString(resume.encode())
	}
	return out, nil
}
