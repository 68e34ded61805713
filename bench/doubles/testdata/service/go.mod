module example.com/doubles

go 1.22
