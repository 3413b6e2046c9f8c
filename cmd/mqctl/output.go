package main

import (
	"bufio"
	"strconv"
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
		err = writeTable(w, title, res, a.terminalWidth())
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

// terminalWidth is the width tables should fit: COLUMNS, else 80 (what the
// AWS CLI assumes when it cannot ask the terminal).
func (a *app) terminalWidth() int {
	if n, err := strconv.Atoi(a.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}

// isEmptyObject reports an output with no members, which the AWS CLI
// prints as nothing at all.
func isEmptyObject(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}
