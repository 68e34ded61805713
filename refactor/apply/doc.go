// Package apply is the refactoring's last stage: it type-checks the
// rewritten files in memory with every package that depends on them
// (Verify), and writes them all or none (WriteFiles, through
// internal/writer's journal).
package apply
