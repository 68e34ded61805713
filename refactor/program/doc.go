// Package program is the refactoring's first stage: it loads the main
// modules' packages, with tests, in every build configuration asked for,
// chooses the one package variant whose syntax each file is planned from,
// scans the files no configuration includes, and answers what the later
// stages ask of the loaded code: positions, source text, object keys, and
// whether a file may be edited.
package program
