package stray

//cq:query
var x = 1

//cq:teapot
type BrewTeaCommand struct{}
