package emit

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"
)

// logNames are the methods of logging packages (log, Grafana's log,
// logrus, zap's sugar) that format their variadic arguments.
var logNames = []string{"Print", "Printf", "Println", "Debug", "Debugf", "Info", "Infof", "Warn", "Warnf",
	"Error", "Errorf", "Crit", "Fatal", "Fatalf", "Panic", "Panicf", "Log", "Logf", "Skip", "Skipf"}

// isFormatting reports whether call only formats arg into text: a
// function of fmt, log, log/slog or testing (t.Errorf), or a logging
// method that takes arg among its variadic arguments.
func isFormatting(info *types.Info, call *ast.CallExpr, arg ast.Expr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if !sig.Variadic() || call.Ellipsis.IsValid() {
		return false
	}
	variadicArg := false
	for i, x := range call.Args {
		if x == arg && i >= sig.Params().Len()-1 {
			variadicArg = true
		}
	}
	if !variadicArg {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt", "log", "log/slog", "testing":
		return true
	}
	return sig.Recv() != nil && slices.Contains(logNames, fn.Name())
}
