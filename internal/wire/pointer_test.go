package wire

import (
	"encoding/json/jsontext"
	"testing"
)

func TestMemberPath(t *testing.T) {
	for _, tc := range []struct{ ptr, want string }{
		{"", ""},
		{"/users/0/password", "users[0].password"},
		{"/identityPolicies/1/Statement/0/Action/2", "identityPolicies[1].Statement[0].Action[2]"},
		{"/0/name", "0.name"},
		{"/a~1b/c~0d", "a/b.c~d"},
	} {
		if got := MemberPath(jsontext.Pointer(tc.ptr)); got != tc.want {
			t.Errorf("MemberPath(%q) = %q, want %q", tc.ptr, got, tc.want)
		}
	}
}
