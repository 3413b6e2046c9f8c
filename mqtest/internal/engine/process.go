package engine

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"
)

// proc is an engine's operating-system process, in its own process group,
// killed by the kernel when the emulator dies (see procAttr).
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done
	log  *os.File
	once sync.Once
}

// startProc starts cmd with its output appended to logPath.
func startProc(cmd *exec.Cmd, logPath string) (*proc, error) {
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		lf.Close()
		return nil, err
	}
	p := &proc{cmd: cmd, done: make(chan struct{}), log: lf}
	go func() {
		p.err = cmd.Wait()
		lf.Close()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the process has exited.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop asks the process group to stop with SIGTERM, waits up to grace, then
// kills the group. It returns once the process has exited.
func (p *proc) stop(grace time.Duration) {
	p.once.Do(func() {
		signalGroup(p.cmd.Process, false)
		select {
		case <-p.done:
		case <-time.After(grace):
		}
		// Whatever is left of the group (children of the engine) goes too.
		signalGroup(p.cmd.Process, true)
		<-p.done
	})
}

// errExited describes a process that exited before it was ready.
func (p *proc) errExited(what, logPath string) error {
	return fmt.Errorf("engine: %s exited before accepting connections (%v); see %s", what, errors.Unwrap(p.err), logPath)
}
