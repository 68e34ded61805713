package models

type User struct{ Login string }
