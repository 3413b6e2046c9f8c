package main

import (
	"errors"
	"fmt"
	"strings"
)

// parseShorthand parses the AWS CLI shorthand syntax for structures and
// maps: comma-separated key=value pairs, where a value is
//
//	bare         up to the next ',' (or ']' / '}' when nested)
//	"quoted"     or 'quoted', with \ escaping the next character
//	[a,b]        a list
//	{k=v,...}    a nested structure
//
// and, as in the AWS CLI, items after a comma that are not themselves
// key=value pairs extend the previous value into a list: Hosts=a,b,RoleBase=x
// gives Hosts [a b]. The result maps keys to strings, []any and
// map[string]any. Errors give the position, never the text, which may hold
// a password.
func parseShorthand(s string) (map[string]any, error) {
	p := &shParser{s: s}
	obj, err := p.params(0)
	if err != nil {
		return nil, err
	}
	if p.i != len(p.s) {
		return nil, p.errorf("unexpected character")
	}
	return obj, nil
}

type shParser struct {
	s string
	i int
}

func (p *shParser) errorf(format string, args ...any) error {
	return fmt.Errorf("shorthand syntax error at character %d: %s", p.i+1, fmt.Sprintf(format, args...))
}

// params parses key=value pairs until the end or the closing character end.
func (p *shParser) params(end byte) (map[string]any, error) {
	obj := map[string]any{}
	for {
		p.skipSpace()
		key := p.key()
		if key == "" {
			return nil, p.errorf("expected a member name")
		}
		if p.i >= len(p.s) || p.s[p.i] != '=' {
			return nil, p.errorf("expected '=' after a member name")
		}
		p.i++
		if _, dup := obj[key]; dup {
			return nil, p.errorf("member %s given twice", key)
		}
		val, err := p.value(end)
		if err != nil {
			return nil, err
		}
		// Extra comma-separated items that are not key=value extend the
		// value into a list.
		for p.i < len(p.s) && p.s[p.i] == ',' && !p.keyAhead(p.i+1) && p.i+1 < len(p.s) && p.s[p.i+1] != end {
			p.i++
			more, err := p.value(end)
			if err != nil {
				return nil, err
			}
			if list, ok := val.([]any); ok {
				val = append(list, more)
			} else {
				val = []any{val, more}
			}
		}
		obj[key] = val
		p.skipSpace()
		if p.i >= len(p.s) || (end != 0 && p.s[p.i] == end) {
			return obj, nil
		}
		if p.s[p.i] != ',' {
			return nil, p.errorf("expected ','")
		}
		p.i++
	}
}

// key reads a member name or map key.
func (p *shParser) key() string {
	start := p.i
	for p.i < len(p.s) && isKeyChar(p.s[p.i]) {
		p.i++
	}
	return strings.TrimSpace(p.s[start:p.i])
}

func isKeyChar(c byte) bool {
	return c != '=' && c != ',' && c != '[' && c != ']' && c != '{' && c != '}' && c != '"' && c != '\''
}

// keyAhead reports whether a key=value pair starts at i.
func (p *shParser) keyAhead(i int) bool {
	j := i
	for j < len(p.s) && isKeyChar(p.s[j]) {
		j++
	}
	return j > i && j < len(p.s) && p.s[j] == '='
}

// value reads one value: quoted, a list, a structure or bare text.
func (p *shParser) value(end byte) (any, error) {
	p.skipSpace()
	if p.i >= len(p.s) {
		return "", nil
	}
	switch c := p.s[p.i]; c {
	case '"', '\'':
		return p.quoted(c)
	case '[':
		p.i++
		var list []any
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return []any{}, nil
		}
		for {
			v, err := p.value(']')
			if err != nil {
				return nil, err
			}
			list = append(list, v)
			p.skipSpace()
			if p.i >= len(p.s) {
				return nil, p.errorf("missing ']'")
			}
			if p.s[p.i] == ']' {
				p.i++
				return list, nil
			}
			if p.s[p.i] != ',' {
				return nil, p.errorf("expected ',' or ']'")
			}
			p.i++
		}
	case '{':
		p.i++
		obj, err := p.params('}')
		if err != nil {
			return nil, err
		}
		if p.i >= len(p.s) || p.s[p.i] != '}' {
			return nil, p.errorf("missing '}'")
		}
		p.i++
		return obj, nil
	}
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ',' || (end != 0 && c == end) || (end == '}' && c == ']') {
			break
		}
		p.i++
	}
	return strings.TrimSpace(p.s[start:p.i]), nil
}

func (p *shParser) quoted(q byte) (string, error) {
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.s):
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		case c == q:
			p.i++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", errors.New("shorthand syntax error: unterminated quote")
}

func (p *shParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}
