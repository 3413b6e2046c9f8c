package main

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const root = "../.."

// staleFiles returns the paths of the files whose content on disk under
// dir differs from what the generator writes (missing files included).
func staleFiles(dir string, files []file) []string {
	var stale []string
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join(dir, f.path))
		if err != nil || !bytes.Equal(old, []byte(f.content)) {
			stale = append(stale, f.path)
		}
	}
	return stale
}

// TestGeneratedFilesUpToDate: every file the generator writes is committed
// as it writes it, so `go generate ./...` on a clean clone changes nothing.
func TestGeneratedFilesUpToDate(t *testing.T) {
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the generator wrote no files")
	}
	if stale := staleFiles(root, files); len(stale) > 0 {
		t.Errorf("out of date (run go generate ./... and commit the result): %s", strings.Join(stale, " "))
	}
}

// TestStaleFilesReported: a changed or missing file is named, an
// identical one is not.
func TestStaleFilesReported(t *testing.T) {
	dir := t.TempDir()
	files := []file{{"same.txt", "a\n"}, {"changed.txt", "b\n"}, {"missing.txt", "c\n"}}
	for name, content := range map[string]string{"same.txt": "a\n", "changed.txt": "b \n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := staleFiles(dir, files), []string{"changed.txt", "missing.txt"}; !slices.Equal(got, want) {
		t.Errorf("stale files %q, want %q", got, want)
	}
}

var generatedHeader = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// TestGeneratedGoFilesMarked: every generated Go file starts with the
// line that tools (gofmt -l aside, linters, code review) recognize.
func TestGeneratedGoFilesMarked(t *testing.T) {
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.path, ".go") {
			continue
		}
		n++
		first, _, _ := strings.Cut(f.content, "\n")
		if !generatedHeader.MatchString(first) {
			t.Errorf("%s starts with %q, not the // Code generated ... DO NOT EDIT. line", f.path, first)
		}
	}
	if n == 0 {
		t.Error("the generator wrote no Go files")
	}
}

// TestOperationsDoc: docs/operations.md lists every operation of the
// model, DescribeSharedResources included, and folds the EC2 actions.
func TestOperationsDoc(t *testing.T) {
	m, err := loadModel(root)
	if err != nil {
		t.Fatal(err)
	}
	doc := genDocs(m)[0].content
	for _, op := range m.Operations {
		if !strings.Contains(doc, "\n| "+op.Name+" | `"+op.Method+" "+op.URI+"` |") {
			t.Errorf("no row for %s", op.Name)
		}
	}
	for _, row := range []string{
		"| DescribeSharedResources | `GET /v1/brokers/{BrokerId}/shared-resources` | 200 | `mq:DescribeSharedResources` | brokers | yes | after any retryable failure |",
		"| CreateTags | `POST /v1/tags/{ResourceArn}` | 204 | `mq:CreateTags` | brokers or configurations |  | only if not processed |",
	} {
		if !strings.Contains(doc, "\n"+row+"\n") {
			t.Errorf("missing row %s", row)
		}
	}
	if !strings.Contains(doc, "*`ec2:{CreateNetworkInterface,") || strings.Contains(doc, "`ec2:CreateNetworkInterface`") {
		t.Error("the EC2 actions of CreateBroker are not folded into one entry")
	}
	if !strings.Contains(doc, "go generate ./...") || !strings.Contains(doc, "api/model/mq.json") {
		t.Error("the doc does not say how it is generated")
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"BrokerId":          "BrokerID",
		"SubnetIds":         "SubnetIDs",
		"KmsKeyId":          "KMSKeyID",
		"ResourceShareArns": "ResourceShareARNs",
		"DnsNames":          "DNSNames",
		"ConsoleURL":        "ConsoleURL",
		"ResourceArn":       "ResourceARN",
		"IpAddress":         "IPAddress",
		"BrokerName":        "BrokerName",
		"MaxResults":        "MaxResults",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"paragraphs", "<p>Creates a broker.</p><p>Second   paragraph\t spans  words.</p>",
			"Creates a broker.\n\nSecond paragraph spans words."},
		{"entities", "<p>Tags &amp; labels: &lt;key&gt;=&quot;value&quot; &#39;x&#39;</p>",
			`Tags & labels: <key>="value" 'x'`},
		{"list", "<p>Needs:</p><ul><li><p>ec2:CreateNetworkInterface</p></li><li>ec2:DescribeVpcs &amp; more</li></ul><p>Then done.</p>",
			"Needs:\n\n- ec2:CreateNetworkInterface\n- ec2:DescribeVpcs & more\n\nThen done."},
		{"inline tags", "<p>Use <code>SIMPLE</code> or <a href=\"https://x\">LDAP</a>.</p>", "Use SIMPLE or LDAP."},
		{"notes", "<p>A.</p><note>Pending until reboot.</note><important>Keep it.</important>",
			"A.\n\nPending until reboot.\n\nKeep it."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := docText(tc.in); got != tc.want {
				t.Errorf("docText(%q)\n= %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
	long := strings.Repeat("<p>"+strings.Repeat("word ", 200)+"end.</p>", 10)
	if got := docText(long); strings.Count(got, "word") != 2000 || strings.Count(got, "end.") != 10 {
		t.Errorf("long text cut: %d words of 2000, %d paragraphs of 10", strings.Count(got, "word"), strings.Count(got, "end."))
	}
}

var (
	anyTag = regexp.MustCompile(`<[^>]*>`)
	blank  = regexp.MustCompile(`\s+`)
)

// TestDocTextKeepsWholeModelText: for every documentation string of the
// model, docText keeps every character of the text (only tags, layout and
// the model's stray "para>" go), so no documentation is truncated.
func TestDocTextKeepsWholeModelText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "api/model/mq.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "smithy.api#documentation" {
					docs = append(docs, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var model any
	if err := json.Unmarshal(data, &model); err != nil {
		t.Fatal(err)
	}
	walk(model)
	if len(docs) < 100 {
		t.Fatalf("found only %d documentation strings", len(docs))
	}
	text := func(s string) string { return blank.ReplaceAllString(s, "") }
	for _, h := range docs {
		want := text(html.UnescapeString(anyTag.ReplaceAllString(strayRE.ReplaceAllString(h, ""), "")))
		var lines []string
		for _, l := range strings.Split(docText(h), "\n") {
			lines = append(lines, strings.TrimPrefix(l, "- "))
		}
		if got := text(strings.Join(lines, "\n")); got != want {
			t.Errorf("docText loses text of %.80q…\n got %q\nwant %q", h, got, want)
		}
	}
}
