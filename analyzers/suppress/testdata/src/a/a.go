package a

// want +1 `suppress: //cqlint:ignore names no rule and gives no reason`
//cqlint:ignore
type A struct{}

// want +1 `suppress: //cqlint:ignore resultfield gives no reason: say why the rule does not apply here`
//cqlint:ignore resultfield
type B struct{}

// want +1 `suppress: //cqlint:ignore names unknown rule "nosuchrule" \(rules: events, naming, resultfield, signature\)`
//cqlint:ignore nosuchrule because
type C struct{}

// want +1 `names unknown rule "bogus"`
//cqlint:ignore resultfield,bogus reason
type D struct{}

// Well-formed suppressions are not reported.

//cqlint:ignore resultfield,signature the legacy API keeps them
type E struct {
	//cqlint:ignore naming the field name comes from the wire format
	F int
}

// Not suppressions: another word after the prefix, an ordinary comment.

//cqlint:ignored
//nolint:all
type G struct{}


// A trailing comma is accepted, as staticcheck's //lint:ignore accepts it
// (issue 8: it was reported as unknown rule "").

//cqlint:ignore resultfield, the legacy API keeps it
type H struct{}

// want +1 `suppress: //cqlint:ignore names no rule: want //cqlint:ignore <rule> <reason>`
//cqlint:ignore , reason
type I struct{}

// want +1 `suppress: //cqlint:ignore resultfield, is followed by the rule signature: write the rules without spaces \(resultfield,signature\)`
//cqlint:ignore resultfield, signature both are legacy
type J struct{}
