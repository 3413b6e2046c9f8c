// Package wire holds the byte-level helpers of the Amazon MQ REST protocol
// that several packages share. It is internal: users never need it.
package wire

const upperhex = "0123456789ABCDEF"

// Unreserved reports whether c is kept as is by AWS URI encoding:
// A-Z, a-z, 0-9, '-', '.', '_' and '~'.
func Unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// AppendEscaped appends s to dst with every byte that is not unreserved
// written as %XX (upper-case hex). It is the escaping of a path label
// (httpbinding.EscapePath with encodeSep=true) and of a query key or value
// (url.QueryEscape with "+" written as "%20"), so a label can never leave
// its segment: "/", "?", "#", "%" and ".." all come out escaped or inert.
func AppendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if Unreserved(c) {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
	}
	return dst
}

// Escape returns s escaped as AppendEscaped does.
func Escape(s string) string {
	for i := 0; i < len(s); i++ {
		if !Unreserved(s[i]) {
			return string(AppendEscaped(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}
