package engine

import "syscall"

// procAttr puts an engine in a process group of its own (so that stopping
// it reaches every process it forked) and has the kernel kill it when the
// emulator dies, even by SIGKILL, so that an engine never outlives it.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
