package mqtest

import "testing"

func TestAccountOf(t *testing.T) {
	for _, tc := range []struct{ arn, want string }{
		{"arn:aws:mq:us-east-1:123456789012:broker:b:b-1", "123456789012"},
		{"arn:aws:iam::123456789012:user/alice", "123456789012"},
		{"arn:aws:mq:us-east-1:*:broker:*", "*"},
		{"arn:aws:mq:us-east-1::x", ""},
		{"arn:aws:mq:us-east-1:123456789012", ""}, // five fields
		{"arn:aws:mq", ""},
		{"*", ""},
		{"", ""},
		{"a:b:c:d:e:f:g:h", "e"},
	} {
		if got := accountOf(tc.arn); got != tc.want {
			t.Errorf("accountOf(%q) = %q, want %q", tc.arn, got, tc.want)
		}
	}
}
