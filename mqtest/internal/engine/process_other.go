//go:build unix && !linux

package engine

import "syscall"

// procAttr puts an engine in a process group of its own. Without Linux's
// parent-death signal an engine may outlive a killed emulator.
func procAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }
