package main

import (
	"bufio"
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// printDocument applies --query to doc and writes it in the --output format.
// title names the table (the operation name, as in the AWS CLI).
func (a *app) printDocument(title string, doc any) error {
	res, err := applyQuery(a.g.query, doc)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	switch a.g.output {
	case "table":
		err = writeTable(w, title, res, a.terminalWidth(a.stdout))
	case "text":
		err = writeText(w, res)
	default:
		err = writeJSON(w, res)
	}
	if err != nil {
		return err
	}
	return w.Flush()
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
