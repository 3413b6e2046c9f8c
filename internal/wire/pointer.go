package wire

import (
	"encoding/json/jsontext"
	"strconv"
	"strings"
)

// MemberPath renders a JSON pointer as the member path people read:
// /users/0/password becomes users[0].password. A leading index token is
// written as a name, since a path cannot start with "[".
func MemberPath(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}
