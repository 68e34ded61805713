package report

import (
	"fmt"
	"io"
	"strings"
)

// GitHub prints findings as GitHub Actions workflow commands, which the
// runner turns into annotations on the pull request's diff:
//
//	::error file=pkg/a.go,line=3,col=2,endLine=3,endColumn=9,title=resultfield::message
//
// Files are relative to dir (the repository's root, where the runner
// resolves them).
func GitHub(w io.Writer, fs []Finding, dir string) error {
	for _, f := range fs {
		props := fmt.Sprintf("file=%s,line=%d,col=%d", ghProperty(Rel(dir, f.File)), f.Line, f.Col)
		if f.EndLine > 0 {
			props += fmt.Sprintf(",endLine=%d,endColumn=%d", f.EndLine, f.EndCol)
		}
		props += ",title=" + ghProperty(f.Rule)
		if _, err := fmt.Fprintf(w, "::error %s::%s\n", props, ghData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message as the runner's toolkit
// does: %, CR and LF.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value: also : and , which separate
// properties.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
