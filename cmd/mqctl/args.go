package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/api"
)

// nargsSep separates the values of one occurrence of a list flag given
// space-separated (--groups a b); a command-line argument cannot hold it.
const nargsSep = "\x00"

// normalizeArgs makes the AWS CLI's command lines mqctl's: a leading `mq`
// word (`mqctl mq list-brokers`, for `alias aws=mqctl` scripts) is dropped
// and `help OPERATION` becomes `OPERATION help`.
func normalizeArgs(args []string) []string {
	i := firstPositional(args)
	if i < 0 {
		return args
	}
	if args[i] == "mq" {
		args = slices.Delete(slices.Clone(args), i, i+1)
	}
	i = firstPositional(args)
	if i >= 0 && args[i] == "help" {
		if j := i + 1 + firstPositional(args[i+1:]); j > i && operationByCommand(args[j]) != nil {
			out := slices.Delete(slices.Clone(args), i, i+1)
			return slices.Insert(out, j, "help")
		}
	}
	return args
}

// firstPositional returns the index of the first argument that is not a
// global option or its value, or -1.
func firstPositional(args []string) int {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return -1
		}
		if strings.HasPrefix(arg, "-") {
			if !strings.Contains(arg, "=") && globalTakesValue(arg) {
				i++
			}
			continue
		}
		return i
	}
	return -1
}

// negativeNumber is an argument that argparse takes for a value, not an
// option.
var negativeNumber = regexp.MustCompile(`^-\d+$|^-\d*\.\d+$`)

// isOption reports whether arg is an option rather than a value, as the
// AWS CLI's argument parser decides.
func isOption(arg string) bool {
	return len(arg) > 1 && arg[0] == '-' && !negativeNumber.MatchString(arg)
}

// parsedArgs is the outcome of rewriting an operation's command line.
type parsedArgs struct {
	args    []string // for pflag: list values joined, --x/--no-x only the last
	help    bool     // `help` or --help was given
	unknown []string // arguments no option takes, in order
	given   map[string]bool
}

// rewrite turns the AWS CLI's syntax of an operation's command line into
// pflag's: a list member's values up to the next option form one
// occurrence (--groups a b; a later --groups replaces it), of --x and
// --no-x only the last counts, --generate-cli-skeleton takes an optional
// word. Arguments no option takes are collected, as the AWS CLI reports
// them: "Unknown options: ...".
func (oc *opCommand) rewrite(fs *pflag.FlagSet, args []string) (*parsedArgs, error) {
	p := &parsedArgs{given: map[string]bool{}}
	lists := map[string]bool{}
	bools := map[string]string{} // flag → the member flag of its pair
	for _, m := range oc.input.members {
		switch m.kind {
		case kindList, kindStructs:
			lists[m.flag] = true
		case kindBool:
			bools[m.flag], bools["no-"+m.flag] = m.flag, m.flag
		}
	}
	lastBool := map[string]int{} // member flag → index in p.args of its last occurrence
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			p.unknown = append(p.unknown, args[i+1:]...)
			i = len(args)
			continue
		case arg == "help" || arg == "--help" || arg == "-h":
			p.help = true
			continue
		case !isOption(arg) || !strings.HasPrefix(arg, "--"):
			p.unknown = append(p.unknown, arg)
			continue
		}
		name, val, hasVal := strings.Cut(arg[2:], "=")
		f := fs.Lookup(name)
		if f == nil {
			p.unknown = append(p.unknown, arg)
			continue
		}
		p.given[name] = true
		switch {
		case lists[name]:
			var vals []string
			if hasVal {
				vals = []string{val}
			}
			for !hasVal && i+1 < len(args) && !isOption(args[i+1]) {
				i++
				vals = append(vals, args[i])
			}
			if len(vals) == 0 {
				return nil, usageErrorf("argument --%s: expected at least one argument", name)
			}
			p.args = append(p.args, "--"+name+"="+strings.Join(vals, nargsSep))
		case bools[name] != "":
			if pair := bools[name]; pair != "" {
				if j, ok := lastBool[pair]; ok {
					p.args[j] = "" // an earlier --x or --no-x: the last wins
				}
				lastBool[pair] = len(p.args)
			}
			p.args = append(p.args, arg)
		case f.NoOptDefVal != "":
			if !hasVal && i+1 < len(args) && !isOption(args[i+1]) && name == "generate-cli-skeleton" {
				i++
				arg = "--" + name + "=" + args[i]
			}
			p.args = append(p.args, arg)
		case hasVal:
			p.args = append(p.args, arg)
		default:
			if i+1 >= len(args) || (isOption(args[i+1]) && name != "query") {
				return nil, usageErrorf("argument --%s: expected one argument", name)
			}
			i++
			p.args = append(p.args, arg, args[i])
		}
	}
	p.args = slices.DeleteFunc(p.args, func(s string) bool { return s == "" })
	return p, nil
}

// checkRequired reports, as the AWS CLI's argument parser does, the
// required members that no flag gives. The AWS CLI leaves them to
// parameter validation when the input comes from --cli-input-json or
// --cli-input-yaml, and does not ask for them for an input skeleton.
func (oc *opCommand) checkRequired(p *parsedArgs) error {
	// An output skeleton needs the arguments, as the AWS CLI's does.
	if p.given["cli-input-json"] || p.given["cli-input-yaml"] || (oc.input.skeleton != "" && oc.input.skeleton != "output") {
		return nil
	}
	var missing []string
	for _, m := range oc.input.members {
		if !m.required || p.given[m.flag] || p.given["no-"+m.flag] || p.given[m.flag+"-file"] || p.given[m.flag+"-stdin"] {
			continue
		}
		missing = append(missing, "--"+m.flag)
	}
	if len(missing) > 0 {
		return usageErrorf("the following arguments are required: %s", strings.Join(missing, ", "))
	}
	return nil
}

// unknownOptions is the AWS CLI's error for arguments no option takes.
func unknownOptions(args []string) error {
	return &usageError{msg: "Unknown options: " + strings.Join(args, ", "), style: styleUnknown}
}

// invalidChoice is the AWS CLI's error for an unknown operation: the
// choices, two a line, and the closest ones.
func invalidChoice(what, value string, choices []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "argument %s: Invalid choice, valid choices are:\n", what)
	for i := 0; i < len(choices); i += 2 {
		b.WriteString("\n")
		row := choices[i:min(i+2, len(choices))]
		cells := make([]string, len(row))
		for j, c := range row {
			cells[j] = fmt.Sprintf("%-40s", c)
		}
		b.WriteString(strings.Join(cells, " | "))
	}
	if close := closeMatches(value, choices, 3, 0.8); len(close) > 0 {
		fmt.Fprintf(&b, "\n\n\nInvalid choice: '%s', maybe you meant:\n", value)
		for _, c := range close {
			b.WriteString("\n  * " + c)
		}
	}
	return usageErrorf("%s", b.String())
}

// operationChoices are the command names the AWS CLI lists for an unknown
// operation: the operations, then mqctl's other commands and help.
func operationChoices() []string {
	out := make([]string, 0, len(api.Operations)+6)
	for _, op := range api.Operations {
		out = append(out, commands[op.Name].name)
	}
	return append(out, "wait", "iam", "serve", "version", "completion", "help")
}

// closeMatches returns up to n of choices whose similarity to word is at
// least cutoff, best first: Python's difflib.get_close_matches, which the
// AWS CLI uses for "maybe you meant".
func closeMatches(word string, choices []string, n int, cutoff float64) []string {
	type scored struct {
		s     string
		score float64
	}
	var found []scored
	for _, c := range choices {
		if r := similarity(c, word); r >= cutoff {
			found = append(found, scored{c, r})
		}
	}
	slices.SortStableFunc(found, func(x, y scored) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return strings.Compare(y.s, x.s) // difflib: ties, the larger string first
	})
	out := make([]string, 0, n)
	for i := 0; i < len(found) && i < n; i++ {
		out = append(out, found[i].s)
	}
	return out
}

// similarity is difflib.SequenceMatcher(None, a, b).ratio(): twice the
// characters of the matching blocks over the total length.
func similarity(a, b string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(matching(a, b)) / float64(len(a)+len(b))
}

// matching counts the characters of the longest common block of a and b,
// recursively on both sides of it, as SequenceMatcher does.
func matching(a, b string) int {
	best, bi, bj := 0, 0, 0
	for i := range len(a) {
		for j := range len(b) {
			k := 0
			for i+k < len(a) && j+k < len(b) && a[i+k] == b[j+k] {
				k++
			}
			if k > best {
				best, bi, bj = k, i, j
			}
		}
	}
	if best == 0 {
		return 0
	}
	return best + matching(a[:bi], b[:bj]) + matching(a[bi+best:], b[bj+best:])
}
