package refactor

import (
	"fmt"
	"os"
	"testing"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

func TestDebug(t *testing.T) {
	dir := os.Getenv("CQ_DEBUG_DIR")
	if dir == "" {
		t.Skip()
	}
	prog, err := Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	targets := FindTargets(prog, nil2(), []string{"GetProductQuery"})
	ix := buildIndex(prog, targets)
	for k, v := range ix.implOf {
		fmt.Println("impl", k, v)
	}
	for _, c := range ix.calls {
		fmt.Println("call", prog.position(c.call.Pos()), c.callee)
	}
}

func nil2() *cqmodel.Config { return cqmodel.DefaultConfig() }
