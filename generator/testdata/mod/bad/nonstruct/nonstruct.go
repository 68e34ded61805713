package nonstruct

//cq:query
type GetTeapotsQuery []int
