package teapottest

// Reset clears every expectation: a hand-written method of the generated
// fake, which cqgen leaves alone (and the build of the generated code
// must keep compiling).
func (f *FakeService) Reset() { *f = FakeService{} }
