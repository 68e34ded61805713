// Package flow is the refactoring's analysis: for each type with a Result
// field, where each of its values is created, every call it is passed to,
// every read and write of Result, and every place it escapes (stored,
// captured, seen whole by fmt, encoders or reflect, reused across calls,
// asserted to an interface nothing rewrites). An Analyzer indexes the
// program once (BuildIndex); Analyze computes one immutable Analysis per
// type, with the refusals its flows call for, each naming the flow and its
// position.
//
// Nothing here edits source: package emit turns an Analysis that refuses
// nothing into edits, and package refactor decides every type's fate from
// the analyses and the emissions.
package flow
