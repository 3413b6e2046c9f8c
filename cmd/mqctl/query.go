package main

import (
	jmespath "github.com/jmespath-community/go-jmespath"
)

// compileQuery compiles a --query expression; a syntax error is a usage
// error.
func compileQuery(expr string) (jmespath.JMESPath, error) {
	q, err := jmespath.Compile(expr)
	if err != nil {
		return nil, usageErrorf("--query: %v", err)
	}
	return q, nil
}

// applyQuery runs the --query expression over doc, the PascalCase output
// document, with the AWS CLI's semantics (JMESPath over the whole result,
// after pagination has merged the pages).
func applyQuery(expr string, doc any) (any, error) {
	if expr == "" {
		return doc, nil
	}
	q, err := compileQuery(expr)
	if err != nil {
		return nil, err
	}
	res, err := q.Search(doc)
	if err != nil {
		return nil, usageErrorf("--query: %v", err)
	}
	return res, nil
}
