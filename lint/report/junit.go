package report

import (
	"encoding/xml"
	"fmt"
	"io"
)

// JUnit prints a JUnit XML report: one test suite per file with findings,
// one failed test case per finding, so CI servers that only understand test
// results still show them. Format reference (the de-facto schema):
// https://github.com/testmoapp/junitxml
func JUnit(w io.Writer, r *Report) error {
	root := junitSuites{Name: "hapguard"}
	for _, group := range byFile(r.Diagnostics) {
		suite := junitSuite{Name: group[0].Pos.File, Tests: len(group), Failures: len(group)}
		for _, d := range group {
			suite.Cases = append(suite.Cases, junitCase{
				Name:      fmt.Sprintf("%s %s:%d:%d", d.RuleID, d.Pos.File, d.Pos.Line, d.Pos.Col),
				ClassName: d.RuleID + "." + d.RuleName,
				Failure: &junitFailure{Message: d.Message, Type: d.Severity.String(),
					Text: fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.RuleID)},
			})
		}
		root.Suites = append(root.Suites, suite)
	}
	if len(root.Suites) == 0 {
		root.Suites = []junitSuite{{Name: "hapguard lint", Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: "hapguard"}}}}
	}
	props := junitProperties(r)
	for i, s := range root.Suites {
		root.Suites[i].Properties = props
		root.Tests += s.Tests
		root.Failures += s.Failures
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string            `xml:"name,attr"`
	Tests      int               `xml:"tests,attr"`
	Failures   int               `xml:"failures,attr"`
	Properties *junitPropertySet `xml:"properties,omitempty"`
	Cases      []junitCase       `xml:"testcase"`
}

type junitPropertySet struct {
	Items []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// junitProperties states the HAProxy version in each suite's properties,
// the place JUnit XML has for run metadata.
func junitProperties(r *Report) *junitPropertySet {
	t := target(r)
	if t == nil {
		return nil
	}
	return &junitPropertySet{Items: []junitProperty{
		{"haproxy.version", t.Version}, {"haproxy.version.source", t.Source}, {"haproxy.version.detail", t.Detail}}}
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}
