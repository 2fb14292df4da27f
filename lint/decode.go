package lint

import (
	"fmt"
	"strings"

	"github.com/haproxytech/config-parser/v5/params"
)

// decoder is the bridge to github.com/haproxytech/config-parser/v5. The
// library is used for typed values only, behind recover(), never for
// positions or completeness; results are cached by text because identical
// option tails are common in large configurations. A decoder belongs to one
// Config and is not safe for concurrent use (neither is the library).
type decoder struct {
	shapes map[string]*serverShape
	// key is the buffer the cache key is built in: only a new tail costs
	// a string.
	key []byte
	// Faults are library panics, keyed by directive, for HG001.
	Faults map[*Directive]string
}

// serverShape is the decoded layout of an option tail, relative to its
// first word.
type serverShape struct {
	options []ServerOption
	unknown []int
	panic   string
}

func newDecoder() *decoder {
	return &decoder{shapes: map[string]*serverShape{}, Faults: map[*Directive]string{}}
}

func (dc *decoder) decodeServerOptions(d *Directive, first int, sl *ServerLine) {
	tail := d.Words[first:]
	dc.key = append(dc.key[:0], byte('0'+first))
	for i, w := range tail {
		if i > 0 {
			dc.key = append(dc.key, 0)
		}
		dc.key = append(dc.key, w.Text()...)
	}
	shape, ok := dc.shapes[string(dc.key)]
	if !ok {
		decoded := shapeServerOptions(tail)
		decoded.rebase(first)
		shape = &decoded
		dc.shapes[string(dc.key)] = shape
	}
	if shape.panic != "" {
		dc.Faults[d] = shape.panic
	}
	// Identical tails share one read-only decoded shape.
	sl.shape = shape
}

// rebase turns indexes relative to the tail into word indexes.
func (s *serverShape) rebase(first int) {
	for i := range s.options {
		s.options[i].Index += first
	}
	for i := range s.unknown {
		s.unknown[i] += first
	}
}

func shapeServerOptions(tail []Word) (shape serverShape) {
	texts := make([]string, len(tail))
	for i, w := range tail {
		texts[i] = w.Text()
	}
	defer func() {
		if r := recover(); r != nil {
			shape = serverShape{panic: fmt.Sprint(r)}
		}
	}()
	decoded := params.ParseServerOptions(texts)
	return alignServerOptions(texts, decoded)
}

// alignServerOptions maps the library's decoded options back onto word
// indexes; words the library skipped are listed as unknown.
func alignServerOptions(texts []string, decoded []params.ServerOption) serverShape {
	var shape serverShape
	i := 0
	for _, opt := range decoded {
		name, value, hasValue := optionParts(opt)
		for i < len(texts) && !optionMatches(texts[i], name) {
			shape.unknown = append(shape.unknown, i)
			i++
		}
		if i >= len(texts) {
			break
		}
		o := ServerOption{Name: name, Value: value, HasValue: hasValue, Index: i}
		i++
		if hasValue {
			i++
		}
		shape.options = append(shape.options, o)
	}
	for ; i < len(texts); i++ {
		shape.unknown = append(shape.unknown, i)
	}
	return shape
}

func optionMatches(word, name string) bool {
	return word == name || strings.HasPrefix(word, name+"(")
}

func optionParts(opt params.ServerOption) (name, value string, hasValue bool) {
	switch o := opt.(type) {
	case *params.ServerOptionWord:
		return o.Name, "", false
	case *params.ServerOptionValue:
		return o.Name, o.Value, true
	case *params.ServerOptionDoubleWord:
		return o.Name, o.Value, true
	case *params.ServerOptionIDValue:
		return o.Name, o.Value, true
	}
	return fmt.Sprint(opt), "", false
}

// DecodeFault returns the config-parser panic recorded for d, if any.
func (c *Config) DecodeFault(d *Directive) (string, bool) {
	msg, ok := c.dec.Faults[d]
	return msg, ok
}
