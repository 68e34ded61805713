package lintdriver

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/cqtools/cq/internal/report"
)

// collect turns a root action's diagnostics into findings, but for those
// at the positions skip holds.
func collect(act *checker.Action, skip map[token.Pos]bool) []report.Finding {
	fset := act.Package.Fset
	var out []report.Finding
	for _, d := range act.Diagnostics {
		if skip[d.Pos] && act.Analyzer.Name == signatureRule {
			continue
		}
		posn := fset.Position(d.Pos)
		f := report.Finding{
			Rule:     act.Analyzer.Name,
			Package:  act.Package.PkgPath,
			PkgID:    act.Package.ID,
			File:     posn.Filename,
			Line:     posn.Line,
			Col:      posn.Column,
			Message:  d.Message,
			Category: d.Category,
		}
		if d.End.IsValid() {
			end := fset.Position(d.End)
			f.EndLine, f.EndCol = end.Line, end.Column
		}
		if file := fileOf(act.Package.Syntax, d.Pos); file != nil {
			f.Decl, f.Ident = place(file, d.Pos)
		}
		for _, sf := range d.SuggestedFixes {
			f.Fixes = append(f.Fixes, fixOf(fset, sf))
		}
		out = append(out, f)
	}
	return out
}

func fixOf(fset *token.FileSet, sf analysis.SuggestedFix) report.Fix {
	fx := report.Fix{Message: sf.Message}
	for _, e := range sf.TextEdits {
		// Unadjusted positions: the bytes to change are those of the
		// file on disk, whatever a //line directive says.
		start, end := fset.PositionFor(e.Pos, false), fset.PositionFor(e.Pos, false)
		if e.End.IsValid() {
			end = fset.PositionFor(e.End, false)
		}
		fx.Edits = append(fx.Edits, report.Edit{
			File: start.Filename, Start: start.Offset, End: end.Offset,
			Line: start.Line, Col: start.Column, EndLine: end.Line, EndCol: end.Column,
			New: string(e.NewText),
		})
	}
	return fx
}

func fileOf(files []*ast.File, pos token.Pos) *ast.File {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// place names the top-level declaration around pos (T.M for a method)
// and the identifier at pos, for the baseline.
func place(file *ast.File, pos token.Pos) (decl, ident string) {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	if len(path) > 0 {
		if id, ok := path[0].(*ast.Ident); ok {
			ident = id.Name
		}
	}
	for _, d := range file.Decls {
		if pos < d.Pos() || pos >= d.End() {
			continue
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			decl = d.Name.Name
			if d.Recv != nil && len(d.Recv.List) > 0 {
				// *T, T[K] and (T) are all T.
				recv := strings.Trim(types.ExprString(d.Recv.List[0].Type), "*()")
				recv, _, _ = strings.Cut(recv, "[")
				decl = recv + "." + decl
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if pos < s.Pos() || pos >= s.End() {
					continue
				}
				switch s := s.(type) {
				case *ast.TypeSpec:
					decl = s.Name.Name
				case *ast.ValueSpec:
					var names []string
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
					decl = strings.Join(names, ",")
				case *ast.ImportSpec:
					decl = "import"
				}
			}
		}
	}
	return decl, ident
}

// dedupe sorts findings and drops repeats: a file of p is also a file of
// p [p.test], analyzed twice with the same result, except that a fix may
// be offered only where the pass sees every use (a rename used in a
// _test.go file): the repeat with a fix is kept.
func dedupe(fs []report.Finding) []report.Finding {
	report.Sort(fs)
	type key struct {
		file, rule, msg string
		line, col       int
	}
	at := map[key]int{}
	var out []report.Finding
	for _, f := range fs {
		k := key{f.File, f.Rule, f.Message, f.Line, f.Col}
		i, ok := at[k]
		switch {
		case !ok:
			at[k] = len(out)
			out = append(out, f)
		case len(out[i].Fixes) == 0 && len(f.Fixes) > 0:
			out[i] = f
		}
	}
	return out
}

// lineCache reads each source file once, for context lines and columns.
type lineCache struct{ files map[string][]string }

func newLineCache() *lineCache { return &lineCache{files: map[string][]string{}} }

func (c *lineCache) get(name string) []string {
	lines, ok := c.files[name]
	if !ok {
		if data, err := os.ReadFile(name); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c.files[name] = lines
	}
	return lines
}

// signatureRule is the rule whose findings atInterfaceToo reads.
const signatureRule = "signature"

// atInterfaceToo finds the signature findings at a concrete method whose
// type implements an interface, in another package it does not import,
// whose method of the same name is reported too: the user fixes the
// interface, and its implementations with it, so the finding is reported
// once, at the interface. An analysis pass sees its imports, never its
// importers, so only the driver, which holds every package, can tell.
func atInterfaceToo(graph *checker.Graph) map[token.Pos]bool {
	type reportedMethod struct {
		iface *types.Interface
		name  string
	}
	type concrete struct {
		pos   token.Pos
		named *types.Named
		name  string
	}
	var ifaces []reportedMethod
	var methods []concrete
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil || act.Analyzer.Name != signatureRule {
			continue
		}
		for _, d := range act.Diagnostics {
			fn := funcAt(act, d.Pos)
			if fn == nil {
				continue
			}
			recv := fn.Type().(*types.Signature).Recv()
			if recv == nil {
				continue
			}
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			named, ok := types.Unalias(t).(*types.Named)
			if !ok {
				continue
			}
			if it, ok := named.Underlying().(*types.Interface); ok {
				ifaces = append(ifaces, reportedMethod{it, fn.Name()})
			} else {
				methods = append(methods, concrete{d.Pos, named, fn.Name()})
			}
		}
	}
	out := map[token.Pos]bool{}
	for _, m := range methods {
		for _, r := range ifaces {
			if r.name == m.name && (types.Implements(m.named, r.iface) || types.Implements(types.NewPointer(m.named), r.iface)) {
				out[m.pos] = true
				break
			}
		}
	}
	return out
}

// funcAt is the function or method whose name is declared at pos in
// act's package, or nil.
func funcAt(act *checker.Action, pos token.Pos) *types.Func {
	file := fileOf(act.Package.Syntax, pos)
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	if len(path) == 0 {
		return nil
	}
	id, ok := path[0].(*ast.Ident)
	if !ok {
		return nil
	}
	fn, _ := act.Package.TypesInfo.Defs[id].(*types.Func)
	return fn
}
