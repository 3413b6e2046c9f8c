package main

import "strings"

// genMQTest writes the emulator's generated files (the Service interface
// and its routes).
func genMQTest(m *Model) []file {
	return []file{{"mqtest/service_gen.go", genService(m)}}
}

// genService writes mqtest's Service interface, one typed method per
// operation, and registerService, which puts each method on a
// net/http.ServeMux at its operation's pattern: an operation the emulator
// does not implement is a compile error, not a run-time 404.
func genService(m *Model) string {
	g := newGen("mqtest")
	g.imports("context", "net/http", "github.com/mqrest/mqrest/api")

	g.w("%s", comment("", "Service is the Amazon MQ API as the emulator serves it: one method per operation of "+
		"the model (api/model/mq.json), taking the decoded, validated and authorized input. The emulator "+
		"implements it and serves it through the request pipeline described on [Handler]; an operation it "+
		"lacks does not compile."))
	g.p("type Service interface {")
	for i, op := range m.Operations {
		if i > 0 {
			g.p("")
		}
		g.w("%s", comment("\t", serviceMethodDoc(op)))
		g.p("\t%s(ctx context.Context, in *api.%s) (*api.%s, error)", op.Name, op.Input.GoName, op.Output.GoName)
	}
	g.p("}\n")

	g.p("// invoker calls the Service method of one operation with its decoded input.")
	g.p("type invoker func(ctx context.Context, in any) (any, error)\n")

	g.w("%s", comment("", "registerService registers every operation of s on mux at its pattern "+
		"([api.Operation.Pattern]), with the handler serve makes for it: serve runs the request pipeline, "+
		"decoding the input with [api.Operation.DecodeHTTPRequest], and calls the invoker for the typed method."))
	g.p("func registerService(mux *http.ServeMux, s Service, serve func(*api.Operation, invoker) http.Handler) {")
	for _, op := range m.Operations {
		g.p("\troute(mux, serve, s.%s)", op.Name)
	}
	g.p("}\n")

	g.p(`// route registers method, the Service method of the operation whose input
// is *I, at the operation's pattern.
func route[I, O any](mux *http.ServeMux, serve func(*api.Operation, invoker) http.Handler, method func(context.Context, *I) (*O, error)) {
	op := api.ForInput((*I)(nil))
	mux.Handle(op.Pattern(), serve(op, func(ctx context.Context, in any) (any, error) {
		out, err := method(ctx, in.(*I))
		if err != nil {
			return nil, err
		}
		return out, nil
	}))
}`)
	return g.String()
}

// serviceMethodDoc is the doc comment of a Service method: the model's first
// sentence, then where the operation is served.
func serviceMethodDoc(op *Operation) string {
	s := firstSentence(op.Doc)
	first, _, _ := strings.Cut(s, " ")
	switch {
	case s == "":
		s = op.Name + " serves the operation " + op.Name + "."
	case strings.HasSuffix(first, "s") && first != strings.ToUpper(first):
		// "Returns information ..." reads as "DescribeBroker returns information ...".
		s = op.Name + " " + lowerFirst(s)
	default:
		s = op.Name + ": " + s
	}
	return s + "\n\nServed at " + op.Method + " " + op.URI + "."
}
