// Command bigfile writes a module whose package m holds TYPES queries with
// a Result field, each with its producer and a caller, spread evenly over
// FILES files: the input of bench/refactor/diffmem.sh, which measures the
// memory of cqgen refactor --diff as the edits per file grow.
//
//	go run ./bench/refactor/bigfile DIR TYPES FILES
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: bigfile DIR TYPES FILES")
		os.Exit(2)
	}
	dir := os.Args[1]
	types, err1 := strconv.Atoi(os.Args[2])
	files, err2 := strconv.Atoi(os.Args[3])
	if err1 != nil || err2 != nil || types < 1 || files < 1 || files > types {
		fmt.Fprintln(os.Stderr, "bigfile: TYPES and FILES are counts, 1 <= FILES <= TYPES")
		os.Exit(2)
	}
	if err := write(dir, types, files); err != nil {
		fmt.Fprintln(os.Stderr, "bigfile:", err)
		os.Exit(1)
	}
}

func write(dir string, types, files int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/big\n\ngo 1.22\n"), 0o644); err != nil {
		return err
	}
	per := (types + files - 1) / files
	for f := 0; f < files; f++ {
		var b strings.Builder
		b.WriteString("package m\n\nimport \"context\"\n")
		for i := f * per; i < min(types, (f+1)*per); i++ {
			fmt.Fprintf(&b, `
// GetThing%[1]dQuery reads thing %[1]d.
type GetThing%[1]dQuery struct {
	ID     int
	Result int
}

func GetThing%[1]d(ctx context.Context, q *GetThing%[1]dQuery) error {
	q.Result = q.ID * 2
	return nil
}

func UseThing%[1]d(ctx context.Context) (int, error) {
	q := GetThing%[1]dQuery{ID: %[1]d}
	if err := GetThing%[1]d(ctx, &q); err != nil {
		return 0, err
	}
	return q.Result, nil
}
`, i)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("things%02d.go", f)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
