package main

import (
	"bufio"
	"io"
	"os"
	"slices"
	"strconv"

	"golang.org/x/term"
)

// printer writes results in the --output format, with --query applied,
// as the AWS CLI's formatters do.
type printer struct {
	a     *app
	w     *bufio.Writer
	title string // the table's title: the operation name
	q     *query
	order keyOrder
}

// newPrinter compiles --query and returns a printer for the results of the
// operation named title.
func (a *app) newPrinter(w io.Writer, title string) (*printer, error) {
	p := &printer{a: a, w: bufio.NewWriter(w), title: title}
	if a.g.query != "" {
		q, err := compileQuery(a.g.query)
		if err != nil {
			return nil, err
		}
		p.q = q
		p.order = keyOrder{hashes: q.hashes}
	}
	return p, nil
}

// printDocument applies --query to doc, one whole result, and writes it in
// the --output format. title names the table (the operation name, as in
// the AWS CLI).
func (a *app) printDocument(title string, doc any) error {
	return a.withOutput(func(w io.Writer) error {
		p, err := a.newPrinter(w, title)
		if err != nil {
			return err
		}
		if err := p.whole(doc); err != nil {
			return err
		}
		return p.w.Flush()
	})
}

// whole writes one result: the output of an unpaged call, or the pages of
// a paged one merged (json, table, yaml) as the AWS CLI does.
func (p *printer) whole(doc any) error {
	res, err := p.q.search(doc)
	if err != nil {
		return err
	}
	switch p.a.g.output {
	case "table":
		return writeTable(p.w, p.title, res, p.a.terminalWidth(p.a.stdout), p.colour())
	case "text":
		return writeText(p.w, res)
	case "yaml":
		if isEmptyObject(res) {
			return nil
		}
		return writeYAML(p.w, res)
	case "yaml-stream":
		if isEmptyObject(res) {
			return nil
		}
		return writeYAML(p.w, []any{res})
	}
	return writeJSON(p.w, res, p.order)
}

// colour reports whether the table is coloured: --color on, or auto with
// stdout a terminal (the AWS CLI colours only tables).
func (p *printer) colour() bool {
	switch p.a.g.color {
	case "on":
		return true
	case "off":
		return false
	}
	return isTerminal(p.a.stdout)
}

// keyOrder says in which order an object's members print. The AWS CLI
// prints a response's structures in the order of the model's members, which
// botocore's Amazon MQ model lists alphabetically, and a multiselect hash
// of --query in the expression's order.
type keyOrder struct {
	hashes [][]string // the key lists of the query's multiselect hashes
}

// keys returns the keys of m in print order: those of the query's
// multiselect hash with exactly m's keys, else sorted.
func (o keyOrder) keys(m map[string]any) []string {
	for _, h := range o.hashes {
		if len(h) != len(m) {
			continue
		}
		all := true
		for _, k := range h {
			if _, ok := m[k]; !ok {
				all = false
				break
			}
		}
		if all {
			return h
		}
	}
	return sortedKeys(m)
}

// sortedKeys returns the keys of m in sorted order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// terminalWidth is the width output to w should fit: COLUMNS, else the
// width of the terminal w is, else 80 (what the AWS CLI assumes when it
// cannot ask the terminal).
func (a *app) terminalWidth(w io.Writer) int {
	if n, err := strconv.Atoi(a.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := w.(*os.File); ok {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return n
		}
	}
	return 80
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// isEmptyObject reports an output with no members, which the AWS CLI
// prints as nothing at all.
func isEmptyObject(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}
