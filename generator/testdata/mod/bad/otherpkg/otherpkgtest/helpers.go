// Package helpers holds test helpers; cqgen's fake, package otherpkgtest,
// would not build beside it.
package helpers

func Helper() {}
