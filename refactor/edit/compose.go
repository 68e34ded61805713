package edit

import (
	"sort"
	"strconv"
	"strings"
)

// Emitters write each type's edits alone, yet two types' edits often meet
// in one statement: a call of one type's producer moved before its
// statement carries another type's Result read in its arguments, and a
// variable one emission declares is redeclared by a statement another
// emission rewrites. So that those compose in one run, an emission writes
// what depends on the others as markers in an edit's text, and compose
// resolves them over the edits of the groups that convert, once per
// rewrite (a group refused later takes its edits with it, and the others
// resolve again without them):
//
//   - a copy of a source range, Move: the range's text with every edit
//     inside it applied, of whichever group; an edit inside it whose place
//     another edit replaces moves with the copy instead of overlapping;
//   - a declaring insertion, Decl appended: the text declares a new
//     variable on the left of a := (count, err := ...);
//   - a define that depends on others, Define: := when a declaring
//     insertion of a converted group sits at the statement's left, else =
//     (err := f() where the rewrite declared err before it).

const (
	markOpen  = "\x00\x01"
	markClose = "\x00"
	Decl      = "\x00\x02\x00"
)

// Move is the text of [start, end) of the edit's file, as it reads
// once every converted edit inside it is applied.
func Move(start, end int) string {
	return markOpen + "c" + strconv.Itoa(start) + ":" + strconv.Itoa(end) + markClose
}

// Share is the token of a statement the rewrite inserts at offset
// stmt of the list at offset list that declares name alone: := when no
// converted edit declares name earlier in the list, else = (the earlier
// one's variable, shared).
func Share(list, stmt int, name string) string {
	return markOpen + "e" + strconv.Itoa(list) + ":" + strconv.Itoa(stmt) + ":" + name + markClose
}

// Declared notes, and renders as nothing, that a statement the
// rewrite inserts at offset stmt of the list at offset list declares name
// along with another new variable.
func Declared(list, stmt int, name string) string {
	return markOpen + "n" + strconv.Itoa(list) + ":" + strconv.Itoa(stmt) + ":" + name + markClose
}

// Define is := when an insertion at lhs declares a new variable, else =.
func Define(lhs int) string {
	return markOpen + "d" + strconv.Itoa(lhs) + markClose
}

// An Owned edit is an edit and the index of the group it belongs to.
type Owned struct {
	Edit
	Group int
}

// Compose resolves the markers of the edits of the groups that convert,
// file by file (source gives a file's original content): edits a copy
// carries leave their place when another edit replaces it, identical edits
// of two groups are kept once, and insertions at one place that copy calls
// keep the calls' order.
func Compose(source func(file string) []byte, groups [][]Edit) map[string][]Owned {
	byFile := map[string][]Owned{}
	for gi, g := range groups {
		seen := map[Edit]bool{}
		for _, e := range g {
			if !seen[e] {
				seen[e] = true
				byFile[e.File] = append(byFile[e.File], Owned{e, gi})
			}
		}
	}
	for f, es := range byFile {
		byFile[f] = composeFile(source(f), es)
	}
	return byFile
}

func composeFile(src []byte, es []Owned) []Owned {
	// Identical edits of two groups (the same := made =, say) are one.
	seen := map[Edit]bool{}
	uniq := es[:0:0]
	for _, e := range es {
		if !seen[e.Edit] {
			seen[e.Edit] = true
			uniq = append(uniq, e)
		}
	}
	es = uniq
	declares := map[int]bool{}
	declaredAt := map[string][]int{} // list:name -> where the rewrite declares name in it
	hasMark := false
	for _, e := range es {
		if strings.Contains(e.New, Decl) {
			declares[e.Start] = true
		}
		hasMark = hasMark || strings.Contains(e.New, "\x00")
		for _, m := range marks(e.New) {
			if (m[0] == "e" || m[0] == "n") && len(m) == 4 {
				declaredAt[m[1]+":"+m[3]] = append(declaredAt[m[1]+":"+m[3]], atoi(m[2]))
			}
		}
	}
	if !hasMark {
		return es
	}
	type span struct{ start, end int }
	var copies []span
	for _, e := range es {
		for _, m := range marks(e.New) {
			if m[0] == "c" {
				copies = append(copies, span{atoi(m[1]), atoi(m[2])})
			}
		}
	}
	inCopy := func(e Edit) bool {
		for _, c := range copies {
			if c.start <= e.Start && e.End <= c.end && !(e.Start == e.End && (e.Start == c.start || e.Start == c.end)) {
				return true
			}
		}
		return false
	}
	// An edit inside a copied range whose place another edit replaces
	// travels with the copy only.
	moved := make([]bool, len(es))
	for i, e := range es {
		if !inCopy(e.Edit) {
			continue
		}
		for j, r := range es {
			if j != i && r.End > r.Start && r.Start <= e.Start && e.End <= r.End && (r.Start < e.Start || e.End < r.End || r.Start == e.Start && r.End == e.End && j < i) {
				moved[i] = true
				break
			}
		}
	}
	all := make([]Edit, len(es))
	for i, e := range es {
		all[i] = e.Edit
	}
	var expand func(text string, depth int) string
	// apply is [start, end) with the edits inside it applied.
	apply := func(start, end, depth int) string {
		var inner []Edit
		for _, e := range all {
			// Not the edit that replaces the whole range where it was.
			if e.Start >= start && e.End <= end && !(e.Start == e.End && (e.Start == start || e.Start == end)) && !(e.Start == start && e.End == end) {
				inner = append(inner, e)
			}
		}
		sortEdits(inner)
		var b strings.Builder
		at := start
		for _, e := range inner {
			if e.Start < at {
				continue // inside a replacement applied already: moved with it or dropped
			}
			b.Write(src[at:e.Start])
			b.WriteString(expand(e.New, depth+1))
			at = e.End
		}
		b.Write(src[at:end])
		return b.String()
	}
	expand = func(text string, depth int) string {
		if !strings.Contains(text, "\x00") {
			return text
		}
		var b strings.Builder
		for {
			i := strings.Index(text, markOpen)
			j := -1
			if i >= 0 {
				j = strings.Index(text[i+len(markOpen):], markClose)
			}
			if j < 0 {
				break
			}
			b.WriteString(text[:i])
			m := text[i+len(markOpen) : i+len(markOpen)+j]
			text = text[i+len(markOpen)+j+len(markClose):]
			switch nums := strings.Split(m[1:], ":"); m[0] {
			case 'c':
				if depth < 8 && len(nums) == 2 {
					b.WriteString(apply(atoi(nums[0]), atoi(nums[1]), depth))
				}
			case 'e':
				tok := ":="
				if len(nums) == 3 {
					for _, at := range declaredAt[nums[0]+":"+nums[2]] {
						if at < atoi(nums[1]) {
							tok = "="
						}
					}
				}
				b.WriteString(tok)
			case 'd':
				if declares[atoi(nums[0])] {
					b.WriteString(":=")
				} else {
					b.WriteString("=")
				}
			}
		}
		b.WriteString(text)
		return strings.ReplaceAll(b.String(), Decl, "")
	}
	var out []Owned
	for i, e := range es {
		if !moved[i] {
			e.New = expand(e.New, 0)
			out = append(out, e)
		}
	}
	// Insertions at one place that each copy a call run in the calls'
	// order: hoisting errors.Join(a(), b()) puts a's line first.
	orderCopies(out, es, moved)
	return out
}

// orderCopies reorders, among the insertions of out at one offset, those
// that copy a range, by the range's start; the others keep their places.
func orderCopies(out []Owned, orig []Owned, moved []bool) {
	key := map[int]int{} // index in out -> start of its first copy
	k := 0
	for i, e := range orig {
		if moved[i] {
			continue
		}
		if e.Start == e.End {
			for _, m := range marks(e.New) {
				if m[0] == "c" {
					key[k] = atoi(m[1])
					break
				}
			}
		}
		k++
	}
	byOffset := map[int][]int{}
	for i := range out {
		if _, ok := key[i]; ok {
			byOffset[out[i].Start] = append(byOffset[out[i].Start], i)
		}
	}
	for _, idx := range byOffset {
		if len(idx) < 2 {
			continue
		}
		vals := make([]Owned, len(idx))
		for n, i := range idx {
			vals[n] = out[i]
		}
		keys := make([]int, len(idx))
		for n, i := range idx {
			keys[n] = key[i]
		}
		perm := make([]int, len(idx))
		for n := range perm {
			perm[n] = n
		}
		sort.SliceStable(perm, func(a, b int) bool { return keys[perm[a]] < keys[perm[b]] })
		for n, i := range idx {
			out[i] = vals[perm[n]]
		}
	}
}

// marks are the markers of text, each split into its kind and numbers.
func marks(text string) [][]string {
	var out [][]string
	for {
		i := strings.Index(text, markOpen)
		if i < 0 {
			return out
		}
		text = text[i+len(markOpen):]
		j := strings.Index(text, markClose)
		if j < 0 {
			return out
		}
		m := text[:j]
		text = text[j+len(markClose):]
		if m != "" {
			out = append(out, append([]string{m[:1]}, strings.Split(m[1:], ":")...))
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// sortEdits orders edits by start, an insertion before a replacement
// starting at the same place (as Apply does).
func sortEdits(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End-edits[i].Start < edits[j].End-edits[j].Start
	})
}
