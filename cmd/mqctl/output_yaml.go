package main

import (
	"io"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// writeYAML writes v as the AWS CLI's yaml output does (ruamel.yaml's safe
// dumper in block style): every mapping's keys sorted (the safe dumper
// sorts them, a multiselect hash's too), 2-space indentation, a list's
// "- " at its key's indentation, strings that would read as another type
// quoted. A scalar result is written as JSON, as the AWS CLI does.
func writeYAML(w io.Writer, v any) error {
	switch v.(type) {
	case map[string]any, []any:
	default:
		return writeJSON(w, v, keyOrder{})
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	enc.CompactSeqIndent()
	if err := enc.Encode(yamlNode(v)); err != nil {
		return err
	}
	return enc.Close()
}

// yamlNode is the YAML node of a document value.
func yamlNode(v any) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if len(x) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, k := range sortedKeys(x) {
			n.Content = append(n.Content, yamlNode(k), yamlNode(x[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if len(x) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, e := range x {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}
	case float64:
		tag := "!!float"
		if x == float64(int64(x)) {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: pyNumber(x)}
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
		if readsAsOtherType(x) {
			n.Style = yaml.SingleQuotedStyle // ruamel's choice; yaml's own is "..."
		}
		return n
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: textScalar(v)}
}

// readsAsOtherType reports whether s, written plain, would be read back as
// something other than a string (5.18, true, null, a timestamp): such a
// string is quoted.
func readsAsOtherType(s string) bool {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(s), &doc) != nil || len(doc.Content) != 1 {
		return s == ""
	}
	n := doc.Content[0]
	return n.Kind == yaml.ScalarNode && n.Style == 0 && n.Tag != "!!str"
}
