package handfake

type Service interface{}
