package fine

func Fine() int { return 1 }
