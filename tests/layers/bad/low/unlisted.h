// listed by no target
