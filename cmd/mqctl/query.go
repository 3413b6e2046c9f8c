package main

import (
	"encoding/json"
	"errors"
	"strings"

	jmespath "github.com/jmespath-community/go-jmespath"
	"github.com/jmespath-community/go-jmespath/pkg/parsing"
)

// query is a compiled --query expression with what the output needs to
// print its results as the AWS CLI does.
type query struct {
	jp jmespath.JMESPath
	// hashes are the key lists of the expression's multiselect hashes
	// ({Name: BrokerName, Id: BrokerId}), in the expression's order: the
	// AWS CLI's python jmespath builds them as ordered dicts.
	hashes [][]string
}

// compileQuery compiles a --query expression as the AWS CLI's python
// jmespath does; a syntax error is a usage error.
func compileQuery(expr string) (*query, error) {
	orig := expr
	expr = legacyLiterals(expr)
	jp, err := jmespath.Compile(expr)
	if err != nil {
		// The AWS CLI's wording, and its exit code (252), for an
		// expression that does not parse.
		msg := strings.TrimPrefix(err.Error(), "SyntaxError: ")
		var se parsing.SyntaxError
		if errors.As(err, &se) {
			msg += ":\n\"" + orig + "\"\n" + strings.Repeat(" ", se.Offset+1) + "^"
		}
		return nil, paramErrorf("Bad value for --query %s: Invalid jmespath expression: %s", orig, msg)
	}
	q := &query{jp: jp}
	if ast, err := parsing.NewParser().Parse(expr); err == nil {
		q.collectHashes(ast)
	}
	return q, nil
}

// collectHashes records the key order of every multiselect hash in node.
func (q *query) collectHashes(node parsing.ASTNode) {
	if node.NodeType == parsing.ASTMultiSelectHash {
		keys := make([]string, 0, len(node.Children))
		for _, kv := range node.Children {
			if k, ok := kv.Value.(string); ok {
				keys = append(keys, k)
			}
		}
		q.hashes = append(q.hashes, keys)
	}
	for _, c := range node.Children {
		q.collectHashes(c)
	}
}

// search runs the query over doc; without a query, doc is the result. An
// error is one of evaluation (an unknown function, a wrong argument type),
// which the AWS CLI reports as any other failure (255).
func (q *query) search(doc any) (any, error) {
	if q == nil {
		return doc, nil
	}
	res, err := q.jp.Search(doc)
	if err != nil {
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "unknown function: "); ok {
			msg = "Unknown function: " + name + "()" // python jmespath's words
		}
		return nil, cliText(msg)
	}
	return res, nil
}

// legacyLiterals rewrites the backtick literals of expr that are not JSON
// into JSON strings, as python jmespath (the AWS CLI's) reads them: a
// literal that is not valid JSON is the string of its text, leading
// blanks removed (`RUNNING` is "RUNNING"; the JEP-12 deprecation, still
// how AWS's documentation writes filters). Raw strings ('...') and quoted
// identifiers ("...") are copied as they are; a literal that is neither
// JSON nor a string stays, so the compiler reports it.
func legacyLiterals(expr string) string {
	if !strings.Contains(expr, "`") {
		return expr
	}
	var b strings.Builder
	for i := 0; i < len(expr); {
		c := expr[i]
		switch c {
		case '\'', '"':
			j := quotedEnd(expr, i, c)
			b.WriteString(expr[i:j])
			i = j
		case '`':
			j := quotedEnd(expr, i, '`')
			if j > len(expr) || expr[j-1] != '`' || j-1 == i {
				b.WriteString(expr[i:]) // unterminated: the compiler says so
				return b.String()
			}
			lit := strings.ReplaceAll(expr[i+1:j-1], "\\`", "`")
			b.WriteByte('`')
			b.WriteString(strings.ReplaceAll(jsonLiteral(lit), "`", "\\`"))
			b.WriteByte('`')
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// quotedEnd returns the index just past the quote q that closes the quoted
// text starting at expr[i] (a backslash escapes the next byte), or
// len(expr) when it is not closed.
func quotedEnd(expr string, i int, q byte) int {
	for j := i + 1; j < len(expr); j++ {
		switch expr[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return len(expr)
}

// jsonLiteral is the JSON text of a backtick literal's content: itself
// when it is JSON, else the JSON string python jmespath makes of it.
func jsonLiteral(lit string) string {
	if json.Valid([]byte(lit)) {
		return lit
	}
	s := `"` + strings.TrimLeft(lit, " \t\n\r\f\v") + `"`
	if json.Valid([]byte(s)) {
		return s
	}
	return lit
}
