package models

type Team struct{ Name string }
