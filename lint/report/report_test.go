package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var sample = &Report{
	ToolVersion: "test",
	Rules: []*lint.Rule{{ID: "HG101", Name: "server-port-missing", Severity: lint.Warning,
		Doc: lint.Doc{Title: "Server address without port", Why: "why", Fix: "fix", Manual: "§5.2"}}},
	Diagnostics: []lint.Diagnostic{
		{Pos: lint.Pos{File: "etc/a,b:c.cfg", Line: 3, Col: 5}, End: lint.Pos{File: "etc/a,b:c.cfg", Line: 3, Col: 9},
			RuleID: "HG101", RuleName: "server-port-missing", Severity: lint.Warning,
			Message: "100% sure: a, b\nand c"},
		{Pos: lint.Pos{File: "x.cfg", Line: 1, Col: 1}, RuleID: "HG003", RuleName: "lexical-fault",
			Severity: lint.Error, Message: "unterminated double quote"},
	},
}

// TestGitHubEscaping checks the @actions/core escaping of data and
// property values: '%', ':', ',' and newlines must not end a field early.
func TestGitHubEscaping(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, sample); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=etc/a%2Cb%3Ac.cfg,line=3,col=5,endColumn=9,title=HG101 server-port-missing::100%25 sure: a, b%0Aand c [HG101]\n" +
		"::error file=x.cfg,line=1,col=1,title=HG003 lexical-fault::unterminated double quote [HG003]\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("github output (-want +got):\n%s", diff)
	}
}

// TestSARIFValidatesAgainstSchema validates the SARIF output against the
// official SARIF 2.1.0 JSON schema.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schemaPath := filepath.Join(testbin.Shared(t), "reference", "schemas", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(schemaPath); err != nil {
		t.Fatalf("SARIF schema missing from the shared folder: %v", err)
	}
	// The reference copy keeps the root object under definitions/Root (the
	// top level only holds definitions), so validate against that.
	c := jsonschema.NewCompiler()
	schema, err := c.Compile(schemaPath + "#/definitions/Root")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	for _, r := range []*Report{sample, {ToolVersion: "test"}} {
		var buf bytes.Buffer
		if err := SARIF(&buf, r); err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("SARIF output does not validate: %v", err)
		}
	}
	broken, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"HG101"}]}]}`))
	if schema.Validate(broken) == nil {
		t.Error("the schema accepted a result without a message: the validation proves nothing")
	}
}

func TestCodeClimateFingerprintsIgnoreLineNumbers(t *testing.T) {
	moved := *sample
	moved.Diagnostics = append([]lint.Diagnostic(nil), sample.Diagnostics...)
	moved.Diagnostics[0].Pos.Line += 10
	moved.Source = func(string, int) string { return "server s1 10.0.0.1" }
	base := *sample
	base.Source = moved.Source
	if a, b := fingerprints(t, &base), fingerprints(t, &moved); !cmp.Equal(a, b) {
		t.Errorf("fingerprints changed when the finding moved down: %v vs %v", a, b)
	}
}

func fingerprints(t *testing.T, r *Report) []string {
	var buf bytes.Buffer
	if err := CodeClimate(&buf, r); err != nil {
		t.Fatal(err)
	}
	var issues []struct{ Fingerprint string }
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, i := range issues {
		out = append(out, i.Fingerprint)
	}
	if len(out) != 2 || strings.TrimSpace(out[0]) == "" {
		t.Fatalf("fingerprints = %v", out)
	}
	return out
}
