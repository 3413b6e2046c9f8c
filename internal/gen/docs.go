package main

import (
	"html"
	"regexp"
	"strings"
)

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	paraRE  = regexp.MustCompile(`(?i)</?(p|note|important|ul|ol)>`)
	itemRE  = regexp.MustCompile(`(?i)<li>`)
	spaceRE = regexp.MustCompile(`[ \t\r\n]+`)
	strayRE = regexp.MustCompile(`\bpara>`)
	liOpen  = regexp.MustCompile(`(?i)<li>\s*<p>`)
	liClose = regexp.MustCompile(`(?i)</p>\s*</li>`)
)

// docText turns the model's HTML documentation into plain text:
// paragraphs separated by blank lines, list items as "- item" lines.
func docText(h string) string {
	if h == "" {
		return ""
	}
	h = strayRE.ReplaceAllString(h, "")
	h = liOpen.ReplaceAllString(h, "<li>")
	h = liClose.ReplaceAllString(h, "</li>")
	h = itemRE.ReplaceAllString(h, "\n\x00")
	h = paraRE.ReplaceAllString(h, "\n\n")
	h = tagRE.ReplaceAllString(h, "")
	h = html.UnescapeString(h)
	var paras []string
	for _, p := range strings.Split(h, "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			l = strings.TrimSpace(spaceRE.ReplaceAllString(l, " "))
			if item, ok := strings.CutPrefix(l, "\x00"); ok {
				l = "- " + strings.TrimSpace(item)
			}
			switch {
			case l == "" || l == "-":
			case len(lines) > 0 && !strings.HasPrefix(l, "- "):
				// A line break inside a paragraph or a list item is a space.
				lines[len(lines)-1] += " " + l
			default:
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// firstSentence is the first sentence of a documentation text.
func firstSentence(doc string) string {
	doc, _, _ = strings.Cut(doc, "\n")
	for i := 0; i+1 < len(doc); i++ {
		if doc[i] == '.' && doc[i+1] == ' ' {
			return doc[:i+1]
		}
	}
	return doc
}

// comment renders text as a Go comment indented by indent, wrapped at 100
// columns; paragraphs are separated by an empty comment line.
func comment(indent, text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	width := 100 - len(indent) - 3
	for i, p := range strings.Split(text, "\n\n") {
		if i > 0 {
			b.WriteString(indent + "//\n")
		}
		for _, line := range strings.Split(p, "\n") {
			prefix := ""
			if strings.HasPrefix(line, "- ") {
				prefix = "  "
			}
			for _, l := range wrapWords(line, width) {
				b.WriteString(indent + "// " + l + "\n")
				line = prefix
				_ = line
			}
		}
	}
	return b.String()
}

func wrapWords(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(text) {
		if cur.Len() > 0 && cur.Len()+1+len(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
			if strings.HasPrefix(text, "- ") {
				cur.WriteString("  ")
			}
		} else if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
