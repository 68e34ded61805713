package lexicon

import (
	"slices"
	"testing"
)

func TestForms(t *testing.T) {
	l := Default()
	for _, tc := range []struct{ base, past, participle string }{
		{"send", "sent", "sent"},
		{"build", "built", "built"},
		{"begin", "began", "begun"},
		{"set", "set", "set"},
		{"reset", "reset", "reset"},
		{"leave", "left", "left"},
		{"find", "found", "found"},
		{"get", "got", "gotten"},
		{"write", "wrote", "written"},
		{"create", "created", "created"},
		{"stop", "stopped", "stopped"},
		{"copy", "copied", "copied"},
		{"upsert", "upserted", "upserted"},
		{"dedupe", "deduped", "deduped"},
		{"login", "logged in", "logged in"},
		{"signup", "signed up", "signed up"},
		{"unstar", "unstarred", "unstarred"},     // prefix + star
		{"reupload", "reuploaded", "reuploaded"}, // prefix + upload
		{"unprovision", "unprovisioned", "unprovisioned"},
	} {
		if !l.IsBase(tc.base) {
			t.Errorf("IsBase(%q) = false", tc.base)
		}
		if got := l.Past(tc.base); got != tc.past {
			t.Errorf("Past(%q) = %q, want %q", tc.base, got, tc.past)
		}
		if got := l.Participle(tc.base); got != tc.participle {
			t.Errorf("Participle(%q) = %q, want %q", tc.base, got, tc.participle)
		}
		if !l.IsPast(tc.past) {
			t.Errorf("IsPast(%q) = false", tc.past)
		}
		if !l.IsParticiple(tc.participle) {
			t.Errorf("IsParticiple(%q) = false", tc.participle)
		}
		if got := l.BaseOf(tc.participle); !slices.Contains(got, tc.base) {
			t.Errorf("BaseOf(%q) = %q, want it to hold %q", tc.participle, got, tc.base)
		}
	}
}

func TestNotForms(t *testing.T) {
	l := Default()
	for _, w := range []string{"user", "dashboard", "folder", "org", "data", "stats"} {
		if l.IsBase(w) || l.IsPast(w) {
			t.Errorf("%q taken as a verb form", w)
		}
	}
	if l.IsPast("begun") {
		t.Error(`IsPast("begun") = true; begun is only a participle`)
	}
	if !l.IsParticiple("begun") {
		t.Error(`IsParticiple("begun") = false`)
	}
	// found is both a verb (to found a company) and the past of find.
	if !l.IsBase("found") || !slices.Contains(l.BasesOfPast("found"), "find") {
		t.Errorf("found: IsBase %v, BasesOfPast %q", l.IsBase("found"), l.BasesOfPast("found"))
	}
}

func TestFlags(t *testing.T) {
	l := Default()
	if v := l.Verb("team"); v == nil || !v.Has(NounDominant) {
		t.Errorf("team: %+v, want a noun-dominant verb", v)
	}
	if v := l.Verb("send"); v == nil || !v.Has(Irregular) || v.Has(Noun) {
		t.Errorf("send: %+v, want irregular and not a noun", v)
	}
	if v := l.Verb("login"); v == nil || !v.Has(Phrasal|Jargon) {
		t.Errorf("login: %+v, want phrasal jargon", v)
	}
}

func TestWith(t *testing.T) {
	l, err := Default().With([]string{"frobnicate", "yeet:yote:yote"}, []string{"test", "tested"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Past("frobnicate") != "frobnicated" || l.Past("yeet") != "yote" || !l.IsPast("yote") {
		t.Errorf("extra verbs: %q %q", l.Past("frobnicate"), l.Past("yeet"))
	}
	if l.IsBase("test") || l.IsPast("tested") {
		t.Error("non-verbs still taken as verbs")
	}
	if !l.IsBase("send") || Default().IsBase("frobnicate") || !Default().IsBase("test") {
		t.Error("With changed the parent, or lost it")
	}
	for _, bad := range []string{"Two words", "a:b", "x1"} {
		if _, err := Default().With([]string{bad}, nil); err == nil {
			t.Errorf("With(%q): no error", bad)
		}
	}
}

func TestRegularPast(t *testing.T) {
	for base, want := range map[string]string{
		"create": "created", "copy": "copied", "play": "played", "stop": "stopped",
		"plan": "planned", "open": "opened", "fix": "fixed", "allow": "allowed",
		"upsert": "upserted", "sync": "synced",
	} {
		if got := RegularPast(base); got != want {
			t.Errorf("RegularPast(%q) = %q, want %q", base, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse("send\tsent\n"); err == nil {
		t.Error("Parse of a short line: no error")
	}
}

func BenchmarkDefaultParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(verbsTSV, supplementTSV); err != nil {
			b.Fatal(err)
		}
	}
}
