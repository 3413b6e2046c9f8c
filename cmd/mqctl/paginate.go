package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
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
// --starting-token). Without --max-items and --starting-token it ranges over
// the client's XxxAll iterator; with them it walks the pages itself, since
// resuming needs the page tokens the iterator keeps to itself.
func paginate(ctx context.Context, c *client.Client, op *api.Operation, in any, pf pageFlags) (any, error) {
	out := op.NewOutput()
	items := api.Field(out, op.Paging.Items)
	merged := reflect.MakeSlice(items.Type(), 0, 0)
	if pf.maxItems <= 0 && pf.startingToken == "" {
		seq := reflect.ValueOf(c).MethodByName(op.Name + "All")
		if !seq.IsValid() {
			return nil, fmt.Errorf("the client has no %sAll iterator", op.Name)
		}
		it := seq.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(in)})[0]
		for item, errv := range it.Seq2() {
			if err, _ := errv.Interface().(error); err != nil {
				return nil, err
			}
			merged = reflect.Append(merged, item)
		}
		items.Set(merged)
		return out, nil
	}

	start := decodeResumeToken(pf.startingToken)
	cur := reflect.New(op.Input)
	cur.Elem().Set(reflect.ValueOf(in).Elem())
	tokenField := cur.Elem().FieldByName(op.Paging.InputToken)
	if pf.startingToken != "" {
		tokenField.SetString(start.NextToken)
	}
	skip := start.Skip
	var resume *resumeToken
	for resume == nil {
		page, err := callOperation(ctx, c, op, cur.Interface())
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
		if resume != nil || next == "" || next == pageToken {
			break
		}
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

// callOperation calls the client method named after op, e.g.
// (*client.Client).ListBrokers, with in.
func callOperation(ctx context.Context, c *client.Client, op *api.Operation, in any) (any, error) {
	m := reflect.ValueOf(c).MethodByName(op.Name)
	if !m.IsValid() {
		return nil, fmt.Errorf("the client has no method %s", op.Name)
	}
	res := m.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(in)})
	err, _ := res[1].Interface().(error)
	if err != nil {
		return nil, err
	}
	return res[0].Interface(), nil
}
