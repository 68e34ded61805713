package unresolvable

//cq:query result=*Nope
type GetTeapotQuery struct{}

//cq:query result=map[string]models.Team
type ListTeapotsQuery struct{}

//cq:query result=len
type CountTeapotsQuery struct{}
