package testfile_test

//cq:query
type ListTeapotsQuery struct{}
