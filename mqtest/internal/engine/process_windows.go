package engine

import (
	"os"
	"syscall"
)

// procAttr has nothing to add on Windows, where the engines' Debian
// packages do not exist; Check reports them missing.
func procAttr() *syscall.SysProcAttr { return nil }

// signalGroup kills p: Windows has no process groups to signal.
func signalGroup(p *os.Process, _ bool) { _ = p.Kill() }
