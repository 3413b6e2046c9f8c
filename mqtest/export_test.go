package mqtest

// FailStateCommits makes every commit of the state file fail with err after
// its writes, as a full disk would (nil: commits succeed again), for tests
// of the undo.
func FailStateCommits(h *Handler, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err == nil {
		h.store.failCommit = nil
		return
	}
	h.store.failCommit = func() error { return err }
}
