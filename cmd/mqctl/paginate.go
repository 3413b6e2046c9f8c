package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// pageFlags are the AWS CLI's pagination options of an operation the model
// marks paginated, and which of them were given.
type pageFlags struct {
	maxItems      int
	pageSize      int
	startingToken string
	// maxItemsSet: --max-items was given (0 included: it stops at once).
	maxItemsSet bool
}

// resumeToken is where a listing resumes: the service's page token (nil
// for the first page) and, when --max-items stopped inside a page, how many
// of that page's items were already shown. It is botocore's token, so that
// tokens pass between mqctl and the AWS CLI both ways.
type resumeToken struct {
	next *string
	skip int
	cut  bool // boto_truncate_amount is part of the token
}

// encode writes the token as botocore does: base64 of Python's json.dumps
// of {"NextToken": ..., "boto_truncate_amount": n}, the first key named by
// the model's input token member.
func (t resumeToken) encode(member string) string {
	var b strings.Builder
	b.WriteString("{" + pyJSONString(member, true) + ": ")
	if t.next == nil {
		b.WriteString("null")
	} else {
		b.WriteString(pyJSONString(*t.next, true))
	}
	if t.cut {
		b.WriteString(`, "boto_truncate_amount": ` + strconv.Itoa(t.skip))
	}
	b.WriteString("}")
	return base64.StdEncoding.EncodeToString([]byte(b.String()))
}

// decodeResumeToken reads a --starting-token as botocore does: base64 of a
// JSON object (the AWS CLI's and mqctl's tokens), else the old form
// TOKEN___N, else the service's own token (a NextToken printed by
// --no-paginate or by an operation the model does not paginate).
func decodeResumeToken(s, member string) resumeToken {
	if raw, err := base64.StdEncoding.DecodeString(s); err == nil && utf8.Valid(raw) {
		var obj map[string]any
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.UseNumber()
		if dec.Decode(&obj) == nil && obj != nil {
			var t resumeToken
			if v, ok := obj[member].(string); ok && v != "None" {
				t.next = &v
			}
			if n, ok := obj["boto_truncate_amount"].(json.Number); ok {
				if i, err := n.Int64(); err == nil && i > 0 {
					t.skip = int(i)
				}
			}
			return t
		}
	}
	parts := strings.Split(s, "___")
	if len(parts) == 2 {
		if n, err := strconv.Atoi(parts[1]); err == nil {
			t := resumeToken{skip: max(n, 0)}
			if parts[0] != "None" {
				t.next = &parts[0]
			}
			return t
		}
	}
	if s == "None" {
		return resumeToken{}
	}
	return resumeToken{next: &s}
}

// registerPageFlags adds the AWS CLI's pagination options to the command
// of an operation the model marks paginated.
func registerPageFlags(fs *pflag.FlagSet, pf *pageFlags, op *api.Operation) {
	fs.IntVar(&pf.maxItems, "max-items", 0, "stop after this many items in all and print a NextToken to pass to --starting-token (0: none, and a token for the start)")
	if op.Paging.PageSize != "" {
		fs.IntVar(&pf.pageSize, "page-size", 0, "items per page asked of the service (sets "+op.Paging.PageSize+"); the output still has every item")
	}
	fs.StringVar(&pf.startingToken, "starting-token", "", "resume a listing from the NextToken printed by an earlier --max-items (mqctl's or the AWS CLI's)")
}

// pagingHelp ends the long help of a paginated operation.
const pagingHelp = `

Pagination: every page is fetched and the item lists merged, unless
--no-paginate or the operation's own token or page size member is given
(one call, the service's NextToken printed), or --max-items N (N items,
then a NextToken for --starting-token). --page-size sets the page size the
pages are asked for.`

// pagingOn reports whether the call pages automatically, as the AWS CLI
// decides: the model marks the operation paginated, and neither
// --no-paginate nor the operation's own token or page-size member (from
// flags or --cli-input-json) turned paging off. Pagination options given
// while paging is off are a usage error. pf learns which options were
// given, and --page-size is set in in.
func (a *app) pagingOn(cmd *cobra.Command, op *api.Operation, in any, pf *pageFlags) (bool, error) {
	p := op.Paging
	if p == nil || !p.Paginated {
		return false, nil
	}
	size := p.PageSizeOf(in)
	if a.g.noPaginate || *p.Token(in) != "" || (size != nil && *size != 0) {
		return false, noPaginateConflict(*pf)
	}
	fs := cmd.Flags()
	pf.maxItemsSet = fs.Changed("max-items")
	if pf.maxItems < 0 {
		return false, usageErrorf("--max-items: %d is not a number of items (0 or more)", pf.maxItems)
	}
	if size != nil && fs.Changed("page-size") {
		if pf.pageSize == 0 {
			// botocore sends MaxResults 0 and its validation rejects it;
			// mqctl's input takes 0 for unset, so it says so itself.
			return false, paramErrorf("Parameter validation failed:\nInvalid value for parameter --page-size (%s): 0 asks for pages of no items", p.PageSize)
		}
		*size = int32(min(max(pf.pageSize, -1<<31), 1<<31-1))
	}
	return true, nil
}

// timestampWire reports whether the profile's cli_timestamp_format asks
// for timestamps as the service sends them (wire) rather than iso8601.
func (a *app) timestampWire() (bool, error) {
	v, ok := a.configValue("cli_timestamp_format")
	switch {
	case !ok || v == "iso8601":
		return false, nil
	case v == "wire":
		return true, nil
	}
	return false, &configError{msg: fmt.Sprintf("Unknown cli_timestamp_format value: %s, valid values are \"wire\" or \"iso8601\"", v), code: exitConfig}
}

// pagedResult is what paginate fetched: the pages, their item lists cut as
// --starting-token and --max-items ask, and the token to resume from ("" at
// the end of the listing).
type pagedResult struct {
	op     *api.Operation
	pages  []any
	resume string
}

// paginate calls a paginated operation page after page, as botocore's
// paginator does: it starts at --starting-token, stops after --max-items
// items (with a resume token) or at the last page, and fails when the
// service gives the same token twice in a row.
func paginate(ctx context.Context, c *client.Client, op *api.Operation, in any, pf pageFlags) (*pagedResult, error) {
	p := op.Paging
	// The pages are asked for with a copy: the caller's input stays as it is.
	cp := reflect.New(op.Input)
	cp.Elem().Set(reflect.ValueOf(in).Elem())
	cur := cp.Interface()
	token := p.Token(cur)
	var current *string // the input token of the page being fetched; nil: none
	skip := 0
	if pf.startingToken != "" {
		start := decodeResumeToken(pf.startingToken, p.InputToken)
		current, skip = start.next, start.skip
	}
	res := &pagedResult{op: op}
	total := 0
	var previous *string
	for first := true; ; first = false {
		*token = ""
		if current != nil {
			*token = *current
		}
		page, err := c.Invoke(ctx, op, cur)
		if err != nil {
			return nil, err
		}
		cutLeft := 0
		if first && skip > 0 {
			cutLeft = min(skip, p.ItemCount(page))
			sliceItems(page, p.Items, cutLeft, p.ItemCount(page))
		}
		n := p.ItemCount(page)
		if pf.maxItemsSet && total+n > pf.maxItems {
			keep := pf.maxItems - total
			sliceItems(page, p.Items, 0, keep)
			res.pages = append(res.pages, page)
			res.resume = resumeToken{next: current, skip: keep + cutLeft, cut: true}.encode(p.InputToken)
			return res, nil
		}
		res.pages = append(res.pages, page)
		total += n
		next := *p.NextToken(page)
		if next == "" {
			return res, nil
		}
		if pf.maxItemsSet && total == pf.maxItems {
			res.resume = resumeToken{next: &next}.encode(p.InputToken)
			return res, nil
		}
		if previous != nil && *previous == next {
			return nil, cliText(fmt.Sprintf("Error during pagination: The same next token was received twice: {'%s': '%s'}", p.InputToken, next))
		}
		previous, current = &next, &next
	}
}

// sliceItems keeps items [from:to) of the output's item list.
func sliceItems(out any, items string, from, to int) {
	v := memberValue(out, items)
	if v.Kind() == reflect.Slice && (from > 0 || to < v.Len()) {
		v.Set(v.Slice(from, to))
	}
}

// noPaginateConflict is the AWS CLI's error for pagination options given
// while paging is off (--no-paginate, or the operation's own token or page
// size members given): the options named in the CLI's order, those that
// are set to a non-zero value.
func noPaginateConflict(pf pageFlags) error {
	var used []string
	if pf.startingToken != "" {
		used = append(used, "--starting-token")
	}
	if pf.pageSize != 0 {
		used = append(used, "--page-size")
	}
	if pf.maxItems != 0 {
		used = append(used, "--max-items")
	}
	if len(used) == 0 {
		return nil
	}
	return paramErrorf("Cannot specify --no-paginate along with pagination arguments: %s", strings.Join(used, ", "))
}

// resumeMember is the key under which the AWS CLI prints the resume token
// of a listing cut short (botocore's build_full_result and the text
// formatter name it so, whatever the operation's token member is).
const resumeMember = "NextToken"

// printPages writes a paginated listing as the AWS CLI's formatters do:
// text one page at a time (--query applied to each) and then a NEXTTOKEN
// row; yaml-stream each page, as the service answered it, as a document
// of its own; the other formats the pages' items merged into one list,
// with the resume token.
func (a *app) printPages(r *pagedResult, wire bool) error {
	items := r.op.Paging.Items
	return a.withOutput(func(w io.Writer) error {
		pr, err := a.newPrinter(w, r.op.Name)
		if err != nil {
			return err
		}
		switch a.g.output {
		case "text":
			for _, page := range r.pages {
				doc := map[string]any{}
				if v, ok := docOf(page, wire)[items]; ok {
					doc[items] = v
				}
				if err := pr.whole(doc); err != nil {
					return err
				}
			}
			if r.resume != "" {
				if err := pr.whole(map[string]any{resumeMember: map[string]any{resumeMember: r.resume}}); err != nil {
					return err
				}
			}
		case "yaml-stream":
			for _, page := range r.pages {
				if err := pr.whole(docOf(page, wire)); err != nil {
					return err
				}
			}
		default:
			full := map[string]any{}
			for _, page := range r.pages {
				v, ok := docOf(page, wire)[items]
				if !ok {
					continue
				}
				l, _ := v.([]any)
				have, _ := full[items].([]any)
				full[items] = append(have, l...)
			}
			if r.resume != "" {
				full[resumeMember] = r.resume
			}
			if err := pr.whole(full); err != nil {
				return err
			}
		}
		return pr.w.Flush()
	})
}

// docOf is the document of an output, as an object.
func docOf(out any, wire bool) map[string]any {
	m, _ := toDocument(out, wire).(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m
}
