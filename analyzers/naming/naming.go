package naming

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/internal/analysisutil"
	"github.com/cqtools/cq/analyzers/lexicon"
	"github.com/cqtools/cq/analyzers/suppress"
)

var Analyzer = &analysis.Analyzer{
	Name:     "naming",
	Doc:      analysisutil.ExtractDoc(doc),
	URL:      "https://github.com/cqtools/cq/blob/main/docs/rules/naming.md",
	Requires: []*analysis.Analyzer{cqmodel.Analyzer, suppress.Analyzer},
	Run:      run,
	Flags:    flags(),
}

//go:embed doc.go
var doc string

var (
	verbsFlag      = listFlag{check: checkVerb}
	nonVerbsFlag   = listFlag{check: checkWord}
	predicatesFlag = listFlag{words: []string{"Is", "Has", "Can", "Should", "Does", "Are", "Was", "Were", "Have", "Must"}, check: checkWord}
)

// flags are the Analyzer's flags, made in its declaration (no init
// function, for nogo).
func flags() flag.FlagSet {
	var fs flag.FlagSet
	fs.Var(&verbsFlag, "verbs", "comma-separated extra verbs: reindex or base:past:participle (spin:spun:spun)")
	fs.Var(&nonVerbsFlag, "nonverbs", "comma-separated words never to take as verbs")
	fs.Var(&predicatesFlag, "predicates", "comma-separated first words of boolean predicate queries, accepted as they are (empty: none)")
	return fs
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[cqmodel.Analyzer].(*cqmodel.Info)
	imported := in.ImportedEvents()
	if len(in.Messages) == 0 && len(imported) == 0 {
		return nil, nil // and the lexicon is never parsed
	}
	rep := suppress.NewReporter(pass)
	var chk *Checker
	judge := func(name string, kind cqmodel.Kind) (Verdict, error) {
		if chk == nil {
			var err error
			if chk, err = checker(); err != nil {
				return Verdict{}, err
			}
		}
		return chk.Judge(in.Config, name, kind), nil
	}
	type judged struct {
		m *cqmodel.Message
		v Verdict
	}
	var bad []judged
	renamedTo := map[string]int{} // suggestions, counted
	for _, m := range in.Messages {
		// A type a _test.go file declares is a test's fixture (a
		// TestEvent published to see the bus work), no part of the API.
		if rep.Skip(m.Spec.Name.Pos()) || strings.HasSuffix(pass.Fset.File(m.Spec.Pos()).Name(), "_test.go") {
			continue
		}
		v, err := judge(m.Obj.Name(), m.Kind)
		if err != nil {
			return nil, err
		}
		if !v.OK && v.NoVerb && m.Kind.IsRequest() {
			stem, suffix := in.Config.CutSuffix(m.Obj.Name(), m.Kind)
			if verb := chk.singleUser(pass, m.Obj, stem); verb != "" {
				v.Suggestion = identifier(append([]string{verb}, Split(stem)...), m.Obj.Exported(), suffix)
			}
		}
		if !v.OK {
			bad = append(bad, judged{m, v})
			renamedTo[v.Suggestion]++
		}
	}
	for _, j := range bad {
		// Two types the same name is suggested for: each rename is sound
		// alone, both together declare it twice.
		shared := j.v.Suggestion != "" && renamedTo[j.v.Suggestion] > 1
		report(pass, rep, j.m, j.m.Kind, j.v, shared)
	}
	// An event declared elsewhere and published here is judged here,
	// where it is known to be an event, once, at its first bus call.
	for _, e := range imported {
		arg := e.Call.Args[len(e.Call.Args)-1]
		if rep.Skip(arg.Pos()) || judgedAtHome(pass, e.Obj) {
			continue
		}
		v, err := judge(e.Obj.Name(), cqmodel.Event)
		if err != nil {
			return nil, err
		}
		if !v.OK {
			reportImported(pass, in, rep, arg, e.Obj, v)
		}
	}
	return nil, nil
}

// reportImported reports an imported event's name at its first bus call,
// naming where it is declared. There is no fix: the declaration is in
// another package, and so may be its other uses.
func reportImported(pass *analysis.Pass, in *cqmodel.Info, rep *suppress.Reporter, at ast.Expr, obj *types.TypeName, v Verdict) {
	p := pass.Fset.Position(obj.Pos())
	where := fmt.Sprintf("%s/%s:%d:%d", strings.TrimPrefix(obj.Pkg().Path(), in.Module+"/"), filepath.Base(p.Filename), p.Line, p.Column)
	msg := fmt.Sprintf("event %s.%s (declared at %s, an event by this use) %s", obj.Pkg().Name(), obj.Name(), where, verdictText(cqmodel.Event, v))
	if v.Suggestion != "" {
		msg += taken(obj.Pkg(), v.Suggestion, "package "+obj.Pkg().Name())
	}
	rep.Report(analysis.Diagnostic{Pos: at.Pos(), End: at.End(), Message: msg})
}

// verdictText is what a message says after the name: the problem, the
// rule, and the corrected name or, without one, an example.
func verdictText(kind cqmodel.Kind, v Verdict) string {
	want, example := "a "+kind.String()+" is named in the imperative", "like CreateFolderCommand"
	if kind == cqmodel.Event {
		want, example = "an event is named in the past tense", "like UserCreated or StickersSentEvent"
	}
	if v.Suggestion == "" {
		return v.Problem + ": " + want + ", " + example
	}
	return v.Problem + ": " + want + "; rename it to " + v.Suggestion
}

// taken notes that a suggested name is declared in pkg already (where says
// so in words).
func taken(pkg *types.Package, name, where string) string {
	if pkg.Scope().Lookup(name) == nil {
		return ""
	}
	return " (" + name + " is already declared in " + where + ": pick another name)"
}

// judgedAtHome reports whether the declaration of obj, in another
// package, carries a //cq: directive (its package then classifies it, and
// naming judges it there) or suppresses naming. Export data has no
// comments, so its file is read.
func judgedAtHome(pass *analysis.Pass, obj *types.TypeName) bool {
	p := pass.Fset.Position(obj.Pos())
	f, err := parser.ParseFile(token.NewFileSet(), p.Filename, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return false // judge it here
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			if ts.Name.Name != obj.Name() {
				continue
			}
			for _, doc := range []*ast.CommentGroup{ts.Doc, gd.Doc, ts.Comment} {
				if suppress.Covers(doc, pass.Analyzer.Name) || hasDirective(doc) {
					return true
				}
			}
		}
	}
	return false
}

func hasDirective(doc *ast.CommentGroup) bool {
	return doc != nil && slices.ContainsFunc(doc.List, cqmodel.IsDirectiveComment)
}

func report(pass *analysis.Pass, rep *suppress.Reporter, m *cqmodel.Message, kind cqmodel.Kind, v Verdict, shared bool) {
	name := m.Obj.Name()
	d := analysis.Diagnostic{Pos: m.Spec.Name.Pos(), End: m.Spec.Name.End(), Message: kind.String() + " " + name + " " + verdictText(kind, v)}
	if v.Suggestion != "" {
		if m.Obj.Exported() {
			d.Message += taken(pass.Pkg, v.Suggestion, "the package")
		} else {
			// Both variants of a package with tests (with and without its
			// _test.go files) must say the same, so that the driver prints
			// the report once; files a pass does not see are read from the
			// directory.
			edits, clash := renameEdits(pass, m, v.Suggestion)
			unseen, unseenClash := unseenUses(pass, name, v.Suggestion)
			switch {
			case clash || unseenClash:
				d.Message += " (no fix: " + v.Suggestion + " is already used in the package)"
			case shared:
				d.Message += " (no fix: " + v.Suggestion + " is also the name suggested for another type of the package)"
			case usesCgo(pass):
				// The edits would be offsets in cgo's output, not in the
				// source files.
				d.Message += " (no fix: the package uses cgo)"
			case unseen != "" && !strings.HasSuffix(unseen, "_test.go"):
				d.Message += " (no fix: " + unseen + ", which this run does not analyze, may use it)"
			case unseen != "":
				// the variant with the tests offers the fix
			default:
				d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Rename " + name + " to " + v.Suggestion, TextEdits: edits}}
			}
		}
	}
	rep.Report(d)
}

// renameEdits renames the unexported type of m everywhere in the package,
// and in the first word of its doc comment. It reports a clash when to is
// already an identifier of the package: that identifier could be shadowed
// or could shadow, and telling which is not worth the risk.
func renameEdits(pass *analysis.Pass, m *cqmodel.Message, to string) ([]analysis.TextEdit, bool) {
	var edits []analysis.TextEdit
	for _, f := range pass.Files {
		clash := false
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return !clash
			}
			if id.Name == to {
				clash = true
			}
			if obj := pass.TypesInfo.ObjectOf(id); obj == m.Obj || isEmbeddedField(obj, m.Obj) {
				edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(to)})
			}
			return !clash
		})
		if clash {
			return nil, true
		}
	}
	if doc := docOf(m); doc != nil {
		first := doc.List[0]
		if text, ok := strings.CutPrefix(first.Text, "// "+m.Obj.Name()); ok && !startsIdent(text) {
			pos := first.Pos() + token.Pos(len("// "))
			edits = append(edits, analysis.TextEdit{Pos: pos, End: pos + token.Pos(len(m.Obj.Name())), NewText: []byte(to)})
		}
	}
	return edits, false
}

// unseenUses parses the Go files of the package's directory. It returns
// the first file this pass does not see (a _test.go file under
// -test=false or in the variant without tests, a file for another GOOS or
// build tag) that uses name, which a rename would miss; and whether any
// file of the package uses to, which the rename could collide with. Both
// variants of a package with tests thus decide alike.
func unseenUses(pass *analysis.Pass, name, to string) (string, bool) {
	seen := map[string]bool{}
	dir := ""
	for _, f := range pass.Files {
		fn := pass.Fset.Position(f.Package).Filename // the source file, for cgo's output
		seen[fn] = true
		dir = filepath.Dir(fn)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	first, clash := "", false
	for _, e := range entries {
		fn := filepath.Join(dir, e.Name())
		if e.IsDir() || !strings.HasSuffix(fn, ".go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), fn, nil, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != pass.Pkg.Name() {
			continue // an external test package cannot use an unexported type
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if id.Name == name && first == "" && !seen[fn] {
					first = e.Name()
				}
				clash = clash || id.Name == to
			}
			return true
		})
	}
	return first, clash
}

// usesCgo reports whether a file of the package is cgo's output, whose
// //line directive names the source file it came from.
func usesCgo(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		if pass.Fset.Position(f.Package).Filename != pass.Fset.File(f.Pos()).Name() {
			return true
		}
	}
	return false
}

// isEmbeddedField reports whether obj is a field that embeds tn: its name
// is the type's, so w.folderCreateCommand and composite-literal keys
// rename with it.
func isEmbeddedField(obj types.Object, tn *types.TypeName) bool {
	v, ok := obj.(*types.Var)
	return ok && v.Embedded() && cqmodel.NamedStruct(v.Type()) == tn
}

func docOf(m *cqmodel.Message) *ast.CommentGroup {
	if m.Spec.Doc != nil {
		return m.Spec.Doc
	}
	for _, d := range m.File.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && len(gd.Specs) == 1 && gd.Specs[0] == m.Spec {
			return gd.Doc
		}
	}
	return nil
}

// startsIdent reports whether s starts with a rune that could continue an
// identifier: then the comment's first word is a longer name.
func startsIdent(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
}

// checker returns the Checker for the current flags, building the lexicon
// overlay once per distinct setting.
func checker() (*Checker, error) {
	checkers.Lock()
	defer checkers.Unlock()
	key := verbsFlag.String() + "\x00" + nonVerbsFlag.String() + "\x00" + predicatesFlag.String()
	if c := checkers.m[key]; c != nil {
		return c, nil
	}
	lex, err := lexicon.Default().With(verbsFlag.words, nonVerbsFlag.words)
	if err != nil {
		return nil, fmt.Errorf("-naming.verbs or -naming.nonverbs: %v", err)
	}
	c := &Checker{Lex: lex, Predicates: predicatesFlag.words}
	if checkers.m == nil {
		checkers.m = map[string]*Checker{}
	}
	checkers.m[key] = c
	return c, nil
}

var checkers struct {
	sync.Mutex
	m map[string]*Checker
}

// listFlag is a comma-separated flag value whose words are checked as
// the flag is parsed, so that a typo fails the command line, not every
// package.
type listFlag struct {
	words []string
	check func(string) error
}

func (l *listFlag) String() string { return strings.Join(l.words, ",") }

func (l *listFlag) Set(s string) error {
	l.words = nil
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if err := l.check(f); err != nil {
			return err
		}
		l.words = append(l.words, f)
	}
	return nil
}

func checkWord(w string) error {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return fmt.Errorf("%q is not a word", w)
		}
	}
	return nil
}

// checkVerb accepts reindex and spin:spun:spun.
func checkVerb(v string) error {
	parts := strings.Split(v, ":")
	if len(parts) != 1 && len(parts) != 3 {
		return fmt.Errorf("%q: want a verb, or base:past:participle", v)
	}
	for _, p := range parts {
		if err := checkWord(p); err != nil || p == "" {
			return fmt.Errorf("%q: want a verb, or base:past:participle", v)
		}
	}
	return nil
}

// singleUser is the verb a request without one (its name stem) should
// take: that of the one function or method of pkg that takes it, when
// its name is that verb and stem (ExecuteAction takes ActionCommand:
// ExecuteActionCommand); "" otherwise.
func (c *Checker) singleUser(pass *analysis.Pass, obj *types.TypeName, stem string) string {
	var users []string
	takes := func(sig *types.Signature) bool {
		for i := 0; i < sig.Params().Len(); i++ {
			if cqmodel.NamedStruct(sig.Params().At(i).Type()) == obj {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	for _, o := range pass.TypesInfo.Defs {
		fn, ok := o.(*types.Func)
		if !ok || seen[fn.Name()] || !takes(fn.Type().(*types.Signature)) {
			continue
		}
		seen[fn.Name()] = true // an interface method and its implementations count once
		users = append(users, fn.Name())
	}
	if len(users) != 1 {
		return ""
	}
	verb, ok := strings.CutSuffix(users[0], upperFirst(stem))
	if !ok || len(Split(verb)) != 1 || !c.imperative(strings.ToLower(verb)) {
		return ""
	}
	return upperFirst(verb)
}
