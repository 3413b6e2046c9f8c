package engine

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// The engines need their users' passwords, which the emulator's state never
// holds: the Manager keeps them in each engine's directory
// (passwords.json, mode 0600), as the engine keeps them in its own
// configuration. Cur holds the passwords the engine runs with, Next those
// of pending user changes, applied at the next reboot.
type passwords struct {
	Cur  map[string]string `json:"cur"`
	Next map[string]string `json:"next"`
}

func (m *Manager) passwordFile(id string) string { return filepath.Join(m.Dir(id), "passwords.json") }

func (m *Manager) readPasswords(id string) passwords {
	p := passwords{Cur: map[string]string{}, Next: map[string]string{}}
	if b, err := os.ReadFile(m.passwordFile(id)); err == nil {
		_ = json.Unmarshal(b, &p)
	}
	if p.Cur == nil {
		p.Cur = map[string]string{}
	}
	if p.Next == nil {
		p.Next = map[string]string{}
	}
	return p
}

func (m *Manager) writePasswords(id string, p passwords) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return writeFile(m.passwordFile(id), b)
}

// SetPassword records user's password on broker id: the current one
// (CreateBroker) or, when pending, the one of a change that the next
// reboot applies (CreateUser, UpdateUser).
func (m *Manager) SetPassword(id, user, password string, pending bool) error {
	if password == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.readPasswords(id)
	if pending {
		p.Next[user] = password
	} else {
		p.Cur[user] = password
	}
	return m.writePasswords(id, p)
}

// resolvePasswords returns the password of each user the engine starts
// with, promoting the pending ones when the start is a reboot, and
// forgetting those of deleted users. Called with m.mu held.
func (m *Manager) resolvePasswords(in *instance, users []User, reboot bool) map[string]string {
	p := m.readPasswords(in.id)
	out := map[string]string{}
	keep := map[string]bool{}
	for _, u := range users {
		keep[u.Name] = true
		if pw, ok := p.Next[u.Name]; ok && reboot {
			p.Cur[u.Name] = pw
			delete(p.Next, u.Name)
		}
		out[u.Name] = p.Cur[u.Name]
	}
	for name := range p.Cur {
		if !keep[name] {
			delete(p.Cur, name)
		}
	}
	if reboot { // every pending change is applied now, or was withdrawn
		p.Next = map[string]string{}
	}
	if err := m.writePasswords(in.id, p); err != nil && !errors.Is(err, os.ErrNotExist) {
		m.opts.Log("mqtest engine: saving passwords", "broker", in.id, "err", err)
	}
	return out
}
