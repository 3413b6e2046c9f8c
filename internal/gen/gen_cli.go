package main

import (
	"fmt"
	"strconv"
	"strings"
)

// mqctl's generated command metadata: per operation the command's name,
// its help (the model's documentation, the overlay's CLI detail and
// example, each input member's documentation for its flag) and the waiter
// its --wait runs. The commands themselves are built from package api's
// operation table at run time (cmd/mqctl/operations.go).

// helpWidth is the width the long help is wrapped at.
const helpWidth = 78

// maxFlagDoc bounds a flag's help: the first sentence of the member's
// documentation, and the sentences after it while they fit.
const maxFlagDoc = 160

// genCLI writes mqctl's generated command metadata.
func genCLI(m *Model) []file {
	g := newGen("main")
	g.p("// commands holds, by operation name, what each operation's command shows")
	g.p("// and does beyond the operation table: its help, from the model's")
	g.p("// documentation and the overlay's CLI detail and example, the help of")
	g.p("// each input member's flag, and the waiter its --wait runs.")
	g.p("var commands = map[string]*commandInfo{")
	for _, op := range m.Operations {
		cli := op.Overlay.CLI
		g.p("\t%q: {", op.Name)
		g.p("\t\tname:  %q,", kebab(op.Name))
		short := firstSentence(op.Doc)
		if short == "" {
			short = "Calls the " + op.Name + " operation."
		}
		g.p("\t\tshort: %q,", short)
		g.p("\t\tlong:  %s,", goString(longHelp(op.Doc, cli.Detail)))
		if cli.Example != "" {
			g.p("\t\texample: %s,", goString(cli.Example))
		}
		if op.Overlay.Waiter != "" {
			g.p("\t\twaiter: %q,", op.Overlay.Waiter)
		}
		var flags []string
		for _, mem := range op.Input.Members {
			if doc := flagDoc(mem.Doc); doc != "" {
				flags = append(flags, fmt.Sprintf("\t\t\t%q: %q,", mem.Name, doc))
			}
		}
		if len(flags) > 0 {
			g.p("\t\tflags: map[string]string{")
			for _, f := range flags {
				g.p("%s", f)
			}
			g.p("\t\t},")
		}
		var mins []string
		for _, mem := range op.Input.Members {
			// An integer member whose @range starts above 0 cannot be
			// sent as 0: the typed input takes 0 for unset, so the CLI
			// checks a 0 given on the command line itself.
			if t := mem.Target; t.Type == "integer" && t.Min != nil && *t.Min > 0 {
				mins = append(mins, fmt.Sprintf("\t\t\t%q: %d,", mem.Name, *t.Min))
			}
		}
		if len(mins) > 0 {
			g.p("\t\tminimums: map[string]int64{")
			for _, m := range mins {
				g.p("%s", m)
			}
			g.p("\t\t},")
		}
		g.p("\t},")
	}
	g.p("}")
	return []file{{"cmd/mqctl/commands_gen.go", g.String()}}
}

// longHelp is an operation command's long description: the model's
// documentation, then the overlay's detail, wrapped for a terminal.
func longHelp(doc, detail string) string {
	var paras []string
	for _, text := range []string{doc, detail} {
		for _, p := range strings.Split(text, "\n\n") {
			var lines []string
			for _, line := range strings.Split(p, "\n") {
				lines = append(lines, wrapWords(line, helpWidth)...)
			}
			if len(lines) > 0 {
				paras = append(paras, strings.Join(lines, "\n"))
			}
		}
	}
	return strings.Join(paras, "\n\n")
}

// flagDoc is a member's documentation as its flag's help: the first line's
// sentences, as many as fit in maxFlagDoc characters (one at least),
// without the "Required." and "Optional." the flag's help says otherwise.
// Backquotes, which pflag takes for the name of the flag's value, become
// quotes.
func flagDoc(doc string) string {
	line, _, _ := strings.Cut(doc, "\n")
	line = strings.ReplaceAll(line, "`", "'")
	var out string
	for s := range sentences(line) {
		if s == "Required." || s == "Optional." {
			continue
		}
		if out != "" && len(out)+1+len(s) > maxFlagDoc {
			break
		}
		out = strings.TrimSpace(out + " " + s)
	}
	return out
}

// sentences yields the sentences of a line: each ends at a period that a
// space and a capital letter or digit follow, so that "(- . _ ~)" is not
// cut.
func sentences(line string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for line != "" {
			end := len(line)
			for i := 0; i+2 < len(line); i++ {
				if c := line[i+2]; line[i] == '.' && line[i+1] == ' ' && ('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
					end = i + 1
					break
				}
			}
			if !yield(line[:end]) {
				return
			}
			line = strings.TrimSpace(line[end:])
		}
	}
}

// goString is s as a Go string literal: raw when it can be, so that the
// generated help reads as it prints.
func goString(s string) string {
	if strings.ContainsAny(s, "`\r") {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}
