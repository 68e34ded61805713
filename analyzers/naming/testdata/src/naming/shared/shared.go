// Package shared has two unexported events for which the same name is
// suggested: each rename alone would build, both together would declare
// userCreated twice, so neither gets a fix.
package shared

//cq:event
type userCreation struct{} // want `event userCreation ends in the noun Creation, not the past tense: an event is named in the past tense; rename it to userCreated \(no fix: userCreated is also the name suggested for another type of the package\)`

//cq:event
type createUser struct{} // want `event createUser is in the imperative, not the past tense: an event is named in the past tense; rename it to userCreated \(no fix: userCreated is also the name suggested for another type of the package\)`

var (
	_ = userCreation{}
	_ = createUser{}
)
