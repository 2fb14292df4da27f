package yamlstrict

import (
	"strings"
	"testing"
	"time"
)

type detection struct {
	Window time.Duration `yaml:"window"`
	Count  int           `yaml:"count"`
	Ratio  float64       `yaml:"ratio"`
	On     bool          `yaml:"on"`
	Names  []string      `yaml:"names"`
}

type config struct {
	Listen    string    `yaml:"listen"`
	Detection detection `yaml:"detection"`
}

func TestDecodeErrorsNameFileLineAndKey(t *testing.T) {
	cases := []struct{ doc, want string }{
		{"listen: x\ndetection: 3\n", `f.yaml:2: detection: "3" is not a mapping of keys`},
		{"detection:\n  window: abc\n", `f.yaml:2: detection.window: "abc" is not a duration such as 500ms, 2s or 1m`},
		{"detection:\n  count: x\n", `f.yaml:2: detection.count: "x" is not a whole number`},
		{"detection:\n  ratio: [1]\n", `f.yaml:2: detection.ratio: a list is not a number`},
		{"detection:\n  on: maybe\n", `f.yaml:2: detection.on: "maybe" is not true or false`},
		{"detection:\n  names: x\n", `f.yaml:2: detection.names: "x" is not a list`},
		{"listen: x\ndetection:\n  foo: 1\n", `f.yaml:3: detection.foo: unknown key`},
		{"listen: x\n  bad: : x\n", `f.yaml:2: mapping values are not allowed in this context`},
		{"listen: a\n---\nlisten: b\n", `f.yaml:2: only one YAML document is allowed`},
	}
	for _, tc := range cases {
		var c config
		err := Decode("f.yaml", []byte(tc.doc), &c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v; want %q", tc.doc, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "yamlstrict.") || strings.Contains(err.Error(), "time.Duration") {
			t.Errorf("%q: error names a Go type: %v", tc.doc, err)
		}
	}
}

func TestDecodeKeepsUnsetValues(t *testing.T) {
	c := config{Listen: "keep", Detection: detection{Count: 7}}
	if err := Decode("f.yaml", []byte("detection:\n  window: 2s\n"), &c); err != nil {
		t.Fatal(err)
	}
	if c.Listen != "keep" || c.Detection.Count != 7 || c.Detection.Window != 2*time.Second {
		t.Errorf("got %+v", c)
	}
	if err := Decode("f.yaml", nil, &c); err != nil || c.Listen != "keep" {
		t.Errorf("empty document: %v, %+v", err, c)
	}
}
