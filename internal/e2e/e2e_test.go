package e2e

import "testing"

func TestEnabled(t *testing.T) {
	for _, c := range []struct {
		val  string
		want bool
	}{{"", false}, {"0", false}, {"true", false}, {"1", true}} {
		t.Setenv(Env, c.val)
		if got := Enabled(); got != c.want {
			t.Errorf("%s=%q: Enabled() = %v, want %v", Env, c.val, got, c.want)
		}
	}
}

func TestRequireSkips(t *testing.T) {
	t.Setenv(Env, "")
	skipped := false
	t.Run("gated", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Require(t, "a test")
		t.Error("Require did not skip")
	})
	if !skipped {
		t.Error("the gated test was not skipped")
	}
}
