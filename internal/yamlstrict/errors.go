package yamlstrict

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlLine matches the "line N: message" yaml.v3 (and the UnmarshalYAML
// methods of hapguard's own value types) put in errors.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// positioned rewrites yaml.v3's errors as one "path:line: message" per
// problem, naming the key (from root, when the document parsed) instead of
// the Go type the value was meant for.
func positioned(path string, root *yaml.Node, err error) error {
	var lines []string
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		lines = typeErr.Errors
	} else {
		lines = []string{err.Error()}
	}
	errs := make([]error, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimSpace(strings.TrimPrefix(l, "yaml: "))
		m := yamlLine.FindStringSubmatch(l)
		if m == nil {
			msg, _ := userTerms(l)
			errs = append(errs, fmt.Errorf("%s: %s", path, msg))
			continue
		}
		msg, rewritten := userTerms(m[2])
		if n, err := strconv.Atoi(m[1]); err == nil && root != nil && rewritten {
			// yaml.v3's own messages name no key; those of hapguard's value
			// types (UnmarshalYAML) already say what the value is.
			if key := keyPathAt(root, n); key != "" {
				msg = key + ": " + strings.TrimSuffix(msg, fmt.Sprintf(" %q", lastKey(key)))
			}
		}
		errs = append(errs, fmt.Errorf("%s:%s: %s", path, m[1], msg))
	}
	return errors.Join(errs...)
}

var (
	unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	wrongType    = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

// userTerms rewrites yaml.v3's messages that name Go types, and reports
// whether it did.
func userTerms(msg string) (string, bool) {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q", m[1]), true
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		got := nodeKinds[m[1]]
		if got == "" || m[2] != "" {
			got = strconv.Quote(m[2])
		}
		return fmt.Sprintf("%s is not %s", got, wanted(m[3])), true
	}
	return msg, false
}

// nodeKinds names the YAML tags whose value yaml.v3 leaves out of its
// message.
var nodeKinds = map[string]string{"map": "a mapping", "seq": "a list"}

// wanted says in words what a value of the Go type named goType looks like.
func wanted(goType string) string {
	switch {
	case goType == "time.Duration":
		return "a duration such as 500ms, 2s or 1m"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["):
		return "a mapping of keys to values"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "a string"
	case strings.HasPrefix(goType, "uint"):
		return "a whole number, 0 or more"
	case strings.HasPrefix(goType, "int"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	}
	return "a mapping of keys"
}

// lastKey is the last element of a dotted key path.
func lastKey(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}
