package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"
)

// TestGenerateEndToEnd runs cqgen the way a team would: go generate over a
// module whose root packages carry //go:generate cqgen generate, then
// builds, vets and tests the module, whose tests use the generated fakes
// and mocks; then checks determinism, --check and bad input. The module
// needs testify, which comes from the module cache or the module proxy.
func TestGenerateEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a module")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/genmod")); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "PATH="+cqgenDir+string(os.PathListSeparator)+os.Getenv("PATH"), "GOWORK=off", "GOFLAGS=-mod=readonly")
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	mustRun := func(name string, args ...string) {
		t.Helper()
		if out, err := run(name, args...); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}

	mustRun("go", "generate", "./...")
	generated := genSnapshot(t, dir)
	want := []string{
		"kettle/cq_service.gen.go", "kettle/kettletest/fake.gen.go", "kettle/kettletest/mock.gen.go",
		"teapot/cq_service.gen.go", "teapot/teapottest/fake.gen.go", "teapot/teapottest/mock.gen.go",
	}
	if len(generated) != len(want) {
		t.Fatalf("generated %d files, want %v", len(generated), want)
	}
	for _, f := range want {
		if _, ok := generated[f]; !ok {
			t.Errorf("%s was not generated", f)
		}
	}
	mustRun("go", "build", "./...")
	mustRun("go", "vet", "./...")
	mustRun("go", "test", "./...")
	if out, err := run("gofmt", "-l", "."); err != nil || out != "" {
		t.Errorf("gofmt -l: %v\n%s", err, out)
	}

	// A second run changes nothing, byte for byte.
	mustRun("go", "generate", "./...")
	for path, content := range genSnapshot(t, dir) {
		if !bytes.Equal(content, generated[path]) {
			t.Errorf("second go generate changed %s", path)
		}
	}
	if out, err := run(cqgenBin, "generate", "--check", "./..."); err != nil {
		t.Errorf("--check on fresh output: %v\n%s", err, out)
	}

	// Editing a directive makes the generated files stale.
	teapotGo := filepath.Join(dir, "teapot", "teapot.go")
	src, err := os.ReadFile(teapotGo)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "//cq:command\ntype DeleteTeapotCommand", "//cq:command method=RemoveTeapot\ntype DeleteTeapotCommand", 1)
	if edited == string(src) {
		t.Fatal("directive to edit not found")
	}
	if err := os.WriteFile(teapotGo, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := run(cqgenBin, "generate", "--check", "./...")
	if code := genExitCode(err); code != 1 {
		t.Errorf("--check after editing a directive: exit %d, want 1\n%s", code, out)
	}
	for _, f := range []string{"teapot/cq_service.gen.go", "teapot/teapottest/fake.gen.go", "teapot/teapottest/mock.gen.go"} {
		if !strings.Contains(out, "stale: "+f+"\n") {
			t.Errorf("--check output does not name %s:\n%s", f, out)
		}
	}
	if strings.Contains(out, "kettle") {
		t.Errorf("--check names kettle files, which are up to date:\n%s", out)
	}

	// Bad input: exit 2, file:line:column, and nothing written.
	bad := strings.Replace(edited, "//cq:query result=*Teapot", "//cq:query result=*Teapot colour=blue", 1)
	if err := os.WriteFile(teapotGo, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = run(cqgenBin, "generate", "./...")
	if code := genExitCode(err); code != 2 || !strings.Contains(out, `teapot/teapot.go:26:27: unknown key "colour"`) {
		t.Errorf("bad directive: exit %d, want 2 and a position\n%s", code, out)
	}
	for path, content := range genSnapshot(t, dir) {
		if !bytes.Equal(content, generated[path]) {
			t.Errorf("%s was written despite bad input", path)
		}
	}
}

// genSnapshot reads every generated file under dir, by slash path.
func genSnapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".gen.go") {
			return err
		}
		content, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = content
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func genExitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// TestGenerateThenRefactor is the path docs/generate.md ("Legacy
// adapters") promises for a legacy handler: cqgen generate gives it a
// Legacy<Service> adapter, and cqgen refactor later converts it, adapter
// included (teapotimpl embeds teapot.LegacyService for GetOwnerQuery).
// Afterwards the module builds, vets and passes its tests
// (TestLegacyAdapter calls GetOwner through the interface), and cqgen
// generate --check finds nothing stale.
func TestGenerateThenRefactor(t *testing.T) {
	e2e.Require(t, "generates, refactors and runs a module's tests")
	if testing.Short() {
		t.Skip("builds and tests a module")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/genmod")); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "PATH="+cqgenDir+string(os.PathListSeparator)+os.Getenv("PATH"), "GOWORK=off", "GOFLAGS=-mod=mod")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("go", "generate", "./...")
	out := run(cqgenBin, "refactor", "-q")
	if !strings.Contains(out, "converted 1 types: teapot.GetOwnerQuery") {
		t.Errorf("refactor:\n%s", out)
	}
	impl, _ := os.ReadFile(filepath.Join(dir, "teapot", "teapotimpl", "impl.go"))
	for _, want := range []string{"func (s *Service) GetOwner(ctx context.Context, query teapot.GetOwnerQuery) (*models.User, error) {", "func (s *Service) getOwner(ctx context.Context, query *teapot.GetOwnerQuery) (*models.User, error) {"} {
		if !strings.Contains(string(impl), want) {
			t.Errorf("impl.go lacks %q:\n%s", want, impl)
		}
	}
	if strings.Contains(string(impl), "\tteapot.LegacyService\n") || strings.Contains(string(impl), "teapot.LegacyService{") {
		t.Errorf("impl.go still uses the adapter:\n%s", impl)
	}
	if src, _ := os.ReadFile(filepath.Join(dir, "teapot", "teapot.go")); !strings.Contains(string(src), "//cq:query result=*legacymodels.User\ntype GetOwnerQuery struct") {
		t.Errorf("the directive did not get its result=:\n%s", src)
	}
	run("go", "build", "./...")
	run("go", "vet", "./...")
	run("go", "test", "-count=1", "./...")
	run(cqgenBin, "generate", "--check", "./...")
}
