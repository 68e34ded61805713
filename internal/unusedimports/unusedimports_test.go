package unusedimports

import (
	"bytes"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDrop(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
		dropped         bool
	}{
		{
			name: "several unused, one named",
			src: `package p

import (
	"fmt"
	str "strings"
	"os"
	"math/rand"
	_ "embed"
	. "errors"
)

var _ = rand.Int
`,
			want: `package p

import (
	_ "embed"
	. "errors"
	"math/rand"
)

var _ = rand.Int
`,
			dropped: true,
		},
		{
			name: "a name used only as a local variable is no use",
			src: `package p

import "fmt"

func f(fmt int) int { return fmt }
`,
			want: `package p

func f(fmt int) int { return fmt }
`,
			dropped: true,
		},
		{
			name: "all used",
			src: `package p

import (
	"fmt"
	str "strings"
)

var _, _ = fmt.Sprint, str.ToUpper
`,
			want: `package p

import (
	"fmt"
	str "strings"
)

var _, _ = fmt.Sprint, str.ToUpper
`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", c.src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			dropped := Drop(fset, f, path.Base)
			var buf bytes.Buffer
			if err := format.Node(&buf, fset, f); err != nil {
				t.Fatal(err)
			}
			if dropped != c.dropped {
				t.Errorf("Drop = %v, want %v", dropped, c.dropped)
			}
			if d := cmp.Diff(c.want, buf.String()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestUnknownName keeps an import whose package name the caller cannot
// tell.
func TestUnknownName(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nimport \"example.com/x/v2\"\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	if Drop(fset, f, func(string) string { return "" }) || len(f.Imports) != 1 {
		t.Errorf("dropped an import of unknown name: %d left", len(f.Imports))
	}
}
