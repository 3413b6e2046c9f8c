package main

import (
	"strings"
	"unicode"
)

// The files of package client: one method per operation, and an XxxAll
// iterator per token-paged operation the overlay marks. Both are thin,
// typed calls into the one request path (client/do.go).

// genClient writes the client's generated files (operation methods and
// iterators).
func genClient(m *Model) []file {
	return []file{
		{"client/operations_gen.go", genClientOperations(m)},
		{"client/iterators_gen.go", genClientIterators(m)},
	}
}

func genClientOperations(m *Model) string {
	g := newGen("client")
	g.imports("context", "github.com/mqrest/mqrest/api")
	g.p("// The operation descriptors the methods pass to the request path.")
	g.p("var (")
	for _, op := range m.Operations {
		g.p("\top%s = api.Lookup(%q)", op.Name, op.Name)
	}
	g.p(")\n")
	for _, op := range m.Operations {
		in, out := op.Input.GoName, op.Output.GoName
		g.w("%s", comment("", methodDoc(m, op)))
		g.p("func (c *Client) %s(ctx context.Context, in *api.%s, opts ...CallOption) (*api.%s, error) {", op.Name, in, out)
		g.p("\tout := new(api.%s)", out)
		g.p("\tif err := c.do(ctx, op%s, in, out, opts); err != nil {\n\t\treturn nil, err\n\t}", op.Name)
		g.p("\treturn out, nil\n}\n")
	}
	return g.String()
}

// methodDoc is the doc comment of an operation's method: the model's
// documentation, whole, as a sentence about the method; the waiter and
// iterator that go with it; the HTTP binding.
func methodDoc(m *Model, op *Operation) string {
	doc := op.Name + " " + sentenceAfterName(op.Doc)
	if op.Doc == "" {
		doc = op.Name + " calls the " + op.Name + " operation."
	}
	var see []string
	if w := op.Overlay.Waiter; w != "" {
		see = append(see, "[Client.Wait"+w+"] "+m.Waiters[w].Doc+".")
	}
	if hasIterator(op) {
		see = append(see, "[Client."+op.Name+"All] ranges over the items of every page.")
	}
	if len(see) > 0 {
		doc += "\n\n" + strings.Join(see, " ")
	}
	return doc + "\n\nAmazon MQ API: " + op.Method + " " + op.URI
}

// sentenceAfterName turns documentation that starts with a verb
// ("Creates a broker.") into the rest of a sentence that starts with the
// method's name ("creates a broker."); an initialism ("MQ ...") is kept.
func sentenceAfterName(doc string) string {
	rs := []rune(doc)
	if len(rs) > 1 && unicode.IsUpper(rs[0]) && unicode.IsLower(rs[1]) {
		return lowerFirst(doc)
	}
	return doc
}

func hasIterator(op *Operation) bool { return op.Paging != nil && op.Overlay.Iterator }

// apiType is a Go type of package api as package client spells it.
func apiType(t *Shape) string {
	s := strings.TrimPrefix(goType(t), "*")
	if t.Type == "structure" || t.Type == "enum" {
		return "api." + s
	}
	return s
}

func genClientIterators(m *Model) string {
	g := newGen("client")
	g.imports("context", "iter", "github.com/mqrest/mqrest/api")
	for _, op := range m.Operations {
		if !hasIterator(op) {
			continue
		}
		p := op.Paging
		in, out := "api."+op.Input.GoName, "api."+op.Output.GoName
		item := apiType(p.Items.Target.Elem)
		items, next, token := p.Items.GoName, p.Output.GoName, p.Input.GoName
		doc := op.Name + "All returns every item that [Client." + op.Name + "] lists in " + items +
			", page after page: each [" + item + "], fetching a page when the loop needs it."
		doc += "\n\nThe sequence is lazy: nothing is sent until it is ranged over. It may be ranged over more " +
			"than once; each range starts again from in (nil: from the first page), which is never modified."
		if p.PageSize != nil {
			doc += " in." + p.PageSize.GoName + " sets the page size."
		}
		doc += " It stops after the last page (an empty " + next + ") or at a token it has seen before, " +
			"and at an error, which it yields once: a failed call, the context's end among them. opts apply to each page's call."
		g.w("%s", comment("", doc))
		g.p("func (c *Client) %sAll(ctx context.Context, in *%s, opts ...CallOption) iter.Seq2[%s, error] {", op.Name, in, item)
		g.p("\treturn func(yield func(%s, error) bool) {", item)
		g.p("\t\tvar cur %s\n\t\tif in != nil {\n\t\t\tcur = *in\n\t\t}", in)
		g.p("\t\t// One page buffer serves every page: items are yielded by value, so")
		g.p("\t\t// once a page is yielded its backing array is free.")
		g.p("\t\tvar page []%s", item)
		if p.PageSize != nil {
			g.p("\t\tif n := cur.%s; n > 0 && n <= maxPresize {\n\t\t\tpage = make([]%s, 0, n)\n\t\t}", p.PageSize.GoName, item)
		}
		g.p("\t\tseen := map[string]bool{}")
		g.p("\t\tfor {")
		g.p("\t\t\tclear(page[:cap(page)])")
		g.p("\t\t\tout := &%s{%s: page[:0]}", out, items)
		g.p("\t\t\tif err := c.do(ctx, op%s, &cur, out, opts); err != nil {", op.Name)
		g.p("\t\t\t\tvar zero %s\n\t\t\t\tyield(zero, err)\n\t\t\t\treturn\n\t\t\t}", item)
		g.p("\t\t\tfor _, item := range out.%s {\n\t\t\t\tif !yield(item, nil) {\n\t\t\t\t\treturn\n\t\t\t\t}\n\t\t\t}", items)
		g.p("\t\t\tif cap(out.%s) > cap(page) {\n\t\t\t\tpage = out.%s\n\t\t\t}", items, items)
		g.p("\t\t\tif out.%s == \"\" || seen[out.%s] {\n\t\t\t\treturn\n\t\t\t}", next, next)
		g.p("\t\t\tseen[out.%s] = true", next)
		g.p("\t\t\tcur.%s = out.%s", token, next)
		g.p("\t\t}\n\t}\n}\n")
	}
	return g.String()
}
