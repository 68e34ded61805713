module example.com/planmod

go 1.26
