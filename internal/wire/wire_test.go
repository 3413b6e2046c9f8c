package wire

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestEscapeMatchesQueryEscape(t *testing.T) {
	for _, s := range []string{"", "abc", "a b+c/=", "arn:aws:mq:us-east-1:1:broker:x:b-1", "ü%?#..~_-.", "\x00\xff"} {
		want := strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
		if got := Escape(s); got != want {
			t.Errorf("Escape(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestFormatUUID(t *testing.T) {
	var b [16]byte
	for i := range b {
		b[i] = 0xff
	}
	got := FormatUUID(b)
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(got) {
		t.Errorf("FormatUUID = %s", got)
	}
}
