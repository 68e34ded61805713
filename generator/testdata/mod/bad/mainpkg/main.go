package main

//cq:query result=int
type CountQuery struct{}

func main() {}
