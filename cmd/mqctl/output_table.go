package main

import (
	"io"
	"math"
	"strings"
	"unicode/utf8"
)

// writeTable writes v as the AWS CLI's table output: a box titled with the
// operation name; an object's scalar members as one row under their names
// (or a name | value row when there is one), each nested object or list in a
// section of its own, indented one '|' deeper; a list of objects as one row
// per object under the union of their scalar keys. Column widths are
// scaled so that every section is as wide as the widest.
//
// colour styles it as the AWS CLI's --color on does: each cell's text bright
// blue, the indentation bars dim yellow, and a reset after every write, as
// colorama's autoreset wrapping of stdout gives.
func writeTable(w io.Writer, title string, v any, termWidth int, colour bool) error {
	t := multiTable{colour: colour}
	if !t.build(title, v, 0) {
		return nil
	}
	if t.width() > termWidth {
		t.vertical()
	}
	return t.render(w)
}

// ANSI styles of the AWS CLI's coloured table (colorama's).
const (
	ansiReset  = "\x1b[0m"
	ansiCell   = "\x1b[1m\x1b[34m" // bright blue
	ansiIndent = "\x1b[2m\x1b[33m" // dim yellow
)

// tableSection is one titled block of rows.
type tableSection struct {
	title     string
	headers   []string
	rows      [][]string
	indent    int
	maxWidths []int
}

func (s *tableSection) update(row []string) {
	if s.maxWidths == nil {
		s.maxWidths = make([]int, len(row))
	}
	for i, c := range row {
		if i < len(s.maxWidths) {
			s.maxWidths[i] = max(s.maxWidths[i], textLen(c))
		} else {
			s.maxWidths = append(s.maxWidths, textLen(c))
		}
	}
}

// columnWidths returns the widths of the columns, padded, scaled to sum to
// maxWidth when it is positive.
func (s *tableSection) columnWidths(padding, maxWidth int) []int {
	widths := make([]int, len(s.maxWidths))
	sum := 0
	for i, w := range s.maxWidths {
		widths[i] = w + padding
		sum += widths[i]
	}
	if maxWidth <= 0 || len(widths) == 0 || sum == 0 {
		return widths
	}
	scale := float64(maxWidth) / float64(sum)
	total := 0
	for i, w := range widths {
		widths[i] = int(math.RoundToEven(scale * float64(w)))
		total += widths[i]
	}
	off := total - maxWidth
	for off != 0 {
		if off > 0 {
			for i := 0; i < len(widths) && off > 0; i++ {
				widths[i]--
				off--
			}
		} else {
			for i := len(widths) - 1; i >= 0 && off < 0; i-- {
				widths[i]++
				off++
			}
		}
	}
	return widths
}

func (s *tableSection) totalWidth() int {
	total := 2 // a border on each side
	for _, w := range s.columnWidths(4, 0) {
		total += w
	}
	total += 2 * s.indent
	return max(textLen(s.title)+2+2*s.indent, total)
}

type multiTable struct {
	sections []*tableSection
	cur      *tableSection
	colour   bool
}

func (t *multiTable) newSection(title string, indent int) {
	t.cur = &tableSection{title: title, indent: indent}
	t.sections = append(t.sections, t.cur)
}

func (t *multiTable) addHeader(h []string) {
	t.cur.headers = h
	t.cur.update(h)
}

func (t *multiTable) addRow(r []string) {
	t.cur.rows = append(t.cur.rows, r)
	t.cur.update(r)
}

// build adds v to the table; false when there is nothing to show.
func (t *multiTable) build(title string, v any, indent int) bool {
	if isEmptyValue(v) {
		return false
	}
	t.newSection(title, indent)
	switch x := v.(type) {
	case []any:
		if _, ok := x[0].(map[string]any); ok {
			t.fromList(x, title, indent)
			break
		}
		for _, item := range x {
			switch it := item.(type) {
			case []any:
				if allScalars(it) {
					row := make([]string, len(it))
					for i, e := range it {
						row[i] = textScalar(e)
					}
					t.addRow(row)
				} else {
					t.build(title, it, indent)
				}
			case map[string]any:
				t.build(title, it, indent+1)
			default:
				t.addRow([]string{textScalar(it)})
			}
		}
	case map[string]any:
		t.fromObject(x, indent)
	}
	// A scalar result is a title alone, as in the AWS CLI.
	return true
}

func (t *multiTable) fromObject(m map[string]any, indent int) {
	headers, more := groupKeys(m)
	switch {
	case len(headers) == 1:
		t.addRow([]string{headers[0], textScalar(m[headers[0]])})
	case len(headers) > 1:
		t.addHeader(headers)
		row := make([]string, len(headers))
		for i, h := range headers {
			row[i] = textScalar(m[h])
		}
		t.addRow(row)
	}
	for _, k := range more {
		t.build(k, m[k], indent+1)
	}
}

func (t *multiTable) fromList(l []any, title string, indent int) {
	seenH, seenM := map[string]bool{}, map[string]bool{}
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			h, more := groupKeys(m)
			for _, k := range h {
				seenH[k] = true
			}
			for _, k := range more {
				seenM[k] = true
			}
		}
	}
	headers, more := sortedSet(seenH), sortedSet(seenM)
	t.addHeader(headers)
	for i, e := range l {
		m, _ := e.(map[string]any)
		if i > 0 && len(more) > 0 {
			t.newSection(title, indent)
			t.addHeader(headers)
		}
		row := make([]string, len(headers))
		for j, h := range headers {
			if v, ok := m[h]; ok {
				row[j] = textScalar(v)
			}
		}
		t.addRow(row)
		for _, k := range more {
			if v, ok := m[k]; ok {
				t.build(k, v, indent+1)
			}
		}
	}
}

// width is the width of the widest section.
func (t *multiTable) width() int {
	width := 0
	for _, s := range t.sections {
		width = max(width, s.totalWidth())
	}
	return width
}

// vertical turns every one-row section with headers into name | value
// rows, as the AWS CLI does when a table is wider than the terminal.
func (t *multiTable) vertical() {
	for i, s := range t.sections {
		if len(s.rows) != 1 || len(s.headers) == 0 {
			continue
		}
		ns := &tableSection{title: s.title, indent: s.indent}
		for j, h := range s.headers {
			ns.rows = append(ns.rows, []string{h, s.rows[0][j]})
			ns.update([]string{h, s.rows[0][j]})
		}
		t.sections[i] = ns
	}
}

func (t *multiTable) render(w io.Writer) error {
	width := t.width()
	var b strings.Builder
	b.WriteString(strings.Repeat("-", width) + "\n")
	reset := ""
	if t.colour {
		reset = ansiReset
		b.WriteString(reset)
	}
	for _, s := range t.sections {
		inner := width - 2*s.indent
		bars := strings.Repeat("|", s.indent)
		if t.colour {
			bars = strings.Repeat(ansiIndent+"|"+ansiReset, s.indent)
		}
		line := func(text string) {
			// The AWS CLI writes the bars, the text, the bars and the
			// newline each in a write of its own.
			b.WriteString(bars + reset + text + reset + bars + reset + "\n" + reset)
		}
		if s.title != "" {
			line(centerText(s.title, inner, "|", "|"))
			if len(s.headers) == 0 && len(s.rows) == 0 {
				line("+" + strings.Repeat("-", inner-2) + "+")
			}
		}
		widths := s.columnWidths(4, inner)
		if len(s.headers) > 0 {
			line(lineBreak(widths))
			var cur strings.Builder
			for i, h := range s.headers {
				left := ""
				if i == 0 {
					left = "|"
				}
				cur.WriteString(centerText(h, widths[i], left, "|"))
			}
			line(cur.String())
		}
		if len(s.rows) > 0 && len(widths) > 0 {
			line(lineBreak(widths))
			for _, r := range s.rows {
				var cur strings.Builder
				for i, c := range r {
					left := ""
					if i == 0 {
						left = "|"
					}
					styled := c
					if t.colour {
						styled = ansiCell + c + ansiReset
					}
					cur.WriteString(alignLeft(styled, textLen(c), widths[i], left, "|"))
				}
				line(cur.String())
			}
			line(lineBreak(widths))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func lineBreak(widths []int) string {
	var b strings.Builder
	for i, w := range widths {
		if i == 0 {
			b.WriteString("+" + strings.Repeat("-", max(w-2, 0)) + "+")
		} else {
			b.WriteString(strings.Repeat("-", max(w-1, 0)) + "+")
		}
	}
	return b.String()
}

func centerText(text string, length int, left, right string) string {
	n := textLen(text)
	start := max(length/2-n/2-1, 0)
	so := len(left) + start + n
	rightSpaces := max(length-len(right)-so, 0)
	return left + strings.Repeat(" ", start) + text + strings.Repeat(" ", rightSpaces) + right
}

// alignLeft pads text, n characters wide as shown, to length.
func alignLeft(text string, n, length int, left, right string) string {
	pad := 2
	if length-(n+pad+len(left)+len(right)) < 0 {
		pad = 0
	}
	so := len(left) + pad + n
	return left + strings.Repeat(" ", pad) + text + strings.Repeat(" ", max(length-so-len(right), 0)) + right
}

func textLen(s string) int { return utf8.RuneCountInString(s) }

// groupKeys splits an object's keys into scalar ones and the rest, sorted.
func groupKeys(m map[string]any) (scalars, more []string) {
	for _, k := range sortedKeys(m) {
		if isScalar(m[k]) {
			scalars = append(scalars, k)
		} else {
			more = append(more, k)
		}
	}
	return scalars, more
}

func sortedSet(s map[string]bool) []string {
	m := make(map[string]any, len(s))
	for k := range s {
		m[k] = nil
	}
	return sortedKeys(m)
}

func allScalars(l []any) bool {
	for _, e := range l {
		if !isScalar(e) {
			return false
		}
	}
	return true
}

// isEmptyValue is Python's "not value" for a document value.
func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	}
	return false
}
