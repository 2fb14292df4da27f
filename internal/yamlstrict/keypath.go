package yamlstrict

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// keyPathAt returns the dotted key path ("detection.window", "env[2]") of
// the deepest key or list item that starts on line, or "".
func keyPathAt(n *yaml.Node, line int) string {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	best := ""
	walk(n, "", line, &best)
	return best
}

func walk(n *yaml.Node, prefix string, line int, best *string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			p := join(prefix, key.Value)
			if key.Line == line || value.Line == line {
				*best = p
			}
			walk(value, p, line, best)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			p := prefix + "[" + strconv.Itoa(i) + "]"
			if item.Line == line && item.Line != n.Line && item.Kind == yaml.ScalarNode {
				*best = p
			}
			walk(item, p, line, best)
		}
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
