package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/generator"
)

// genRun runs cqgen with args in the current directory.
func genRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Execute(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestGenerateCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../../../generator/testdata/mod")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)

	// Bad input: exit 2, file:line:column, nothing written.
	code, _, stderr := genRun(t, "generate", "./bad/unknownkey", "./good/...")
	if code != 2 || !strings.Contains(stderr, "bad/unknownkey/unknownkey.go:3:12: unknown key \"colour\"") {
		t.Errorf("bad input: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat("good/teapot/cq_service.gen.go"); !os.IsNotExist(err) {
		t.Errorf("a file was written despite bad input (stat: %v)", err)
	}

	// --check before generating: every file missing, exit 1.
	code, stdout, _ := genRun(t, "generate", "--check", "./good/...")
	if code != 1 || strings.Count(stdout, "stale: ") != 6 {
		t.Errorf("--check before generate: exit %d, stdout:\n%s", code, stdout)
	}

	// The default package is ".", as under //go:generate.
	t.Chdir(filepath.Join(dir, "good", "teapot"))
	if code, _, stderr := genRun(t, "generate"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"cq_service.gen.go", "teapottest/fake.gen.go", "teapottest/mock.gen.go"} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	if code, stdout, stderr := genRun(t, "generate", "--check"); code != 0 {
		t.Errorf("--check after generate: exit %d\n%s%s", code, stdout, stderr)
	}

	// A hand edit makes the file stale.
	mock, err := os.ReadFile("teapottest/mock.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("teapottest/mock.gen.go", append(mock, "// edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = genRun(t, "generate", "--check")
	if code != 1 || strings.TrimSpace(stdout) != "stale: teapottest/mock.gen.go" {
		t.Errorf("--check after an edit: exit %d, stdout:\n%s", code, stdout)
	}

	// A file cqgen did not write at an output path: --check and generate
	// both name it, and nothing is written.
	hand := []byte("package teapottest\n\n// Written by hand.\n")
	if err := os.WriteFile("teapottest/fake.gen.go", hand, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"generate", "--check"}, {"generate"}} {
		code, _, stderr := genRun(t, args...)
		if code != 2 || !strings.Contains(stderr, "teapottest/fake.gen.go:1:1: cqgen writes fake.gen.go, but this file was not written by cqgen") {
			t.Errorf("%v over a hand-written file: exit %d, stderr:\n%s", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile("teapottest/fake.gen.go"); !bytes.Equal(b, hand) {
		t.Errorf("the hand-written file was replaced:\n%s", b)
	}
	if b, _ := os.ReadFile("teapottest/mock.gen.go"); !bytes.HasSuffix(b, []byte("// edited\n")) {
		t.Error("the stale mock was written although generate failed")
	}
}

// A directory where cqgen would write holds a file of another package:
// exit 2 at its package clause, nothing written.
func TestGenerateOtherPackage(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../../../generator/testdata/mod")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, _, stderr := genRun(t, "generate", "./bad/otherpkg")
	if code != 2 || !strings.Contains(stderr, "bad/otherpkg/otherpkgtest/helpers.go:3:1: this file declares package helpers, but cqgen writes files of package otherpkgtest in otherpkgtest") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, f := range []string{"bad/otherpkg/" + generator.ServiceFile, "bad/otherpkg/otherpkgtest/" + generator.FakeFile} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s written: %v", f, err)
		}
	}
}

// TestGenerateMessages: --mocks is checked; outside a module, and with a
// pattern that matches nothing, cqgen says so.
func TestGenerateMessages(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, stderr := genRun(t, "generate", "--mocks=sometimes")
	if code != 2 || !strings.Contains(stderr, "--mocks=sometimes: want auto, always or never") {
		t.Errorf("--mocks=sometimes: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = genRun(t, "generate")
	if code != 2 || !strings.Contains(stderr, "cqgen: no go.mod in "+dir+" or any directory above it") {
		t.Errorf("no module: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = genRun(t, "refactor", "-q")
	if code != 2 || !strings.Contains(stderr, "cqgen: no go.mod in "+dir+" or any directory above it") {
		t.Errorf("refactor, no module: exit %d, stderr:\n%s", code, stderr)
	}
	if err := os.WriteFile("go.mod", []byte("module example.com/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := genRun(t, "generate", "./nothing/...")
	if code != 0 || stdout != "" || stderr != "cqgen: pattern ./nothing/... matched no packages\n" {
		t.Errorf("./nothing/...: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// generate takes the policy flags too: a Request suffix is cut from the
// method name, as cqlint's resultfield message names the method.
func TestGeneratePolicy(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/p\n\ngo 1.22\n",
		"p.go":   "package p\n\n//cq:query result=int\ntype CountUsersRequest struct{}\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "CountUsersRequest(ctx context.Context, query CountUsersRequest) (int, error)"},
		{[]string{"-cqmodel.query-suffixes=Query,Request"}, "CountUsers(ctx context.Context, query CountUsersRequest) (int, error)"},
	} {
		if code, _, stderr := genRun(t, append([]string{"generate"}, tc.args...)...); code != 0 {
			t.Fatalf("generate %v: exit %d: %s", tc.args, code, stderr)
		}
		b, err := os.ReadFile(generator.ServiceFile)
		if err != nil || !strings.Contains(string(b), tc.want) {
			t.Errorf("generate %v: %s lacks %q (%v):\n%s", tc.args, generator.ServiceFile, tc.want, err, b)
		}
	}
}
