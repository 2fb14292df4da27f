package lint

import (
	"fmt"
	"math"
	"strings"
)

// File is one loaded configuration file. It keeps the text once; lines and
// directives' snippets are slices of it.
type File struct {
	Name string
	// MissingFinalLF is set when the file does not end with a line feed,
	// which HAProxy refuses as a possibly truncated file.
	MissingFinalLF bool
	text           string
	starts         []uint32 // byte offset where each line starts
}

// maxFileSize is the largest file a File can index (offsets are 32-bit).
const maxFileSize = math.MaxUint32

// newFile indexes the lines of text. A final line feed ends the last line
// rather than starting an empty one.
func newFile(name, text string) (*File, error) {
	if len(text) > maxFileSize {
		return nil, fmt.Errorf("%s: file of %d bytes is larger than the 4 GiB a configuration can be", name, len(text))
	}
	f := &File{Name: name, text: text, MissingFinalLF: text != "" && text[len(text)-1] != '\n'}
	body := strings.TrimSuffix(text, "\n")
	if body == "" {
		return f, nil
	}
	f.starts = make([]uint32, 1, strings.Count(body, "\n")+1)
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' {
			f.starts = append(f.starts, uint32(i+1))
		}
	}
	return f, nil
}

// LineCount returns the number of lines.
func (f *File) LineCount() int { return len(f.starts) }

// Line returns the raw text of 1-based line n without its line terminator
// ("\n" or "\r\n"), or "" if out of range.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.starts) {
		return ""
	}
	end := len(f.text)
	if n < len(f.starts) {
		end = int(f.starts[n]) - 1
	} else if strings.HasSuffix(f.text, "\n") {
		end--
	}
	return strings.TrimSuffix(f.text[f.starts[n-1]:end], "\r")
}
