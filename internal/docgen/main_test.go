package main

import (
	"bytes"
	"os"
	"testing"
)

func TestOperationsDocUpToDate(t *testing.T) {
	got := render()
	want, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("docs/operations.md is out of date: run go run ./internal/docgen > docs/operations.md")
	}
	if !bytes.Contains(got, []byte("| CreateTags | `POST /v1/tags/{ResourceArn}` | 204 | `mq:CreateTags`")) {
		t.Error("CreateTags row is wrong")
	}
}
