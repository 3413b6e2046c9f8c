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
	p := op.Paging
	out := op.NewOutput()
	p.Presize(out, 0) // an empty listing prints an empty list, not none
	// The pages are asked for with a copy: the caller's input stays as it is.
	cp := reflect.New(op.Input)
	cp.Elem().Set(reflect.ValueOf(in).Elem())
	cur := cp.Interface()
	token := p.Token(cur)
	skip := 0
	if pf.startingToken != "" {
		start := decodeResumeToken(pf.startingToken)
		*token = start.NextToken
		skip = start.Skip
	}
	seen := map[string]bool{}
	have := 0
	for {
		page, err := c.Invoke(ctx, op, cur)
		if err != nil {
			return nil, err
		}
		n := p.ItemCount(page)
		from, to := min(skip, n), n
		var resume *resumeToken
		if pf.maxItems > 0 && have+to-from > pf.maxItems {
			to = from + pf.maxItems - have
			resume = &resumeToken{NextToken: *token, Skip: to}
		}
		if from > 0 || to < n {
			items := memberValue(page, p.Items)
			items.Set(items.Slice(from, to))
		}
		p.AppendItems(out, page)
		have += to - from
		skip = 0
		next := *p.NextToken(page)
		last := next == "" || next == *token || seen[next]
		if resume == nil && !last && pf.maxItems > 0 && have == pf.maxItems {
			resume = &resumeToken{NextToken: next} // the next page starts after the last item shown
		}
		if resume != nil {
			*p.NextToken(out) = resume.encode()
			return out, nil
		}
		if last {
			return out, nil
		}
		seen[next] = true
		*token = next
	}
}
