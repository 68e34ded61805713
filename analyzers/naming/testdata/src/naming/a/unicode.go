package a

// Names that start with a non-ASCII letter keep whether they are
// exported (issue 8: ÄpfelHolenQuery was told to become getÄpfelHolenQuery).

//cq:query
type ÄpfelHolenQuery struct{} // want `rename it to GetÄpfelHolenQuery$`

//cq:event
type CreateÄpfel struct{} // want `rename it to ÄpfelCreated$`

//cq:event
type ÉtatUpdate struct{} // want `rename it to ÉtatUpdated$`

// äpfelQuery fetches apples; the doc comment's first word is renamed too.
//
//cq:query
type äpfelQuery struct{} // want `rename it to getÄpfelQuery$`

var _ = äpfelQuery{}

// birnenQueryÄrger starts with another word, which the rename leaves.
//
//cq:query
type birnenQuery struct{} // want `rename it to getBirnenQuery$`

var _ = birnenQuery{}
