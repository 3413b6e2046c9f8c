//go:build compat

package compat

// outputCases are the cases of output formats, --query and paging (items 2
// to 4 of the suite); branch i13-output replaces this file with them.
var outputCases = []compatCase{}
