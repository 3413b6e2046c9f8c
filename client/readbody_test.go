package client

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadBody(t *testing.T) {
	body := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		name    string
		r       io.Reader
		n, max  int64
		want    string
		wantErr error
	}{
		{"known length", strings.NewReader(body), 5000, 1 << 20, body, nil},
		{"unknown length", strings.NewReader(body), -1, 1 << 20, body, nil},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader(body)), 5000, 1 << 20, body, nil},
		{"empty", strings.NewReader(""), 0, 1024, "", nil},
		{"exactly max", strings.NewReader(body), -1, 5000, body, nil},
		{"over max", strings.NewReader(body), -1, 4999, body[:4999], ErrResponseTooLarge},
		{"over max, length known", strings.NewReader(body), 5000, 1024, body[:1024], ErrResponseTooLarge},
		{"cut short", io.MultiReader(strings.NewReader(body[:100]), iotest.ErrReader(io.ErrUnexpectedEOF)), 5000, 1 << 20, body[:100], io.ErrUnexpectedEOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bp, data, err := readBody(tc.r, tc.n, tc.max)
			if !errors.Is(err, tc.wantErr) || string(data) != tc.want {
				t.Errorf("got %d bytes, %v; want %d bytes, %v", len(data), err, len(tc.want), tc.wantErr)
			}
			putBody(bp, data)
		})
	}
	// A recycled buffer never shows the previous body.
	bp, data, _ := readBody(strings.NewReader("second"), -1, 1024)
	if string(data) != "second" || bytes.Contains(data, []byte("x")) {
		t.Errorf("recycled buffer: %q", data)
	}
	putBody(bp, data)
}
