package engine

import (
	"os"
	"testing"
)

// TestPasswords checks the password store: pending passwords apply only
// at a reboot, deleted users are forgotten, and the file is private.
func TestPasswords(t *testing.T) {
	m := &Manager{opts: Options{DataDir: t.TempDir(), Log: func(string, ...any) {}}, engines: map[string]*instance{}}
	in := &instance{id: "b-1"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(m.SetPassword("b-1", "app", "first-password", false))
	must(m.SetPassword("b-1", "gone", "gone-password", false))
	must(m.SetPassword("b-1", "app", "second-password", true))
	must(m.SetPassword("b-1", "late", "late-password", true))
	must(m.SetPassword("b-1", "withdrawn", "withdrawn-password", true))
	must(m.SetPassword("b-1", "app", "", true)) // no password: unchanged

	users := []User{{Name: "app"}, {Name: "gone"}}
	steps := []struct {
		name   string
		users  []User
		reboot bool
		want   map[string]string
	}{
		{"start", users, false, map[string]string{"app": "first-password", "gone": "gone-password"}},
		{"reboot", []User{{Name: "app"}, {Name: "late"}}, true, map[string]string{"app": "second-password", "late": "late-password"}},
		{"restart", []User{{Name: "app"}, {Name: "late"}, {Name: "gone"}}, false, map[string]string{"app": "second-password", "late": "late-password", "gone": ""}},
		{"reboot again", []User{{Name: "withdrawn"}}, true, map[string]string{"withdrawn": ""}},
	}
	for _, s := range steps {
		got := m.resolvePasswords(in, s.users, s.reboot)
		for k, v := range s.want {
			if got[k] != v {
				t.Errorf("%s: password of %s = %q, want %q", s.name, k, got[k], v)
			}
		}
	}
	st, err := os.Stat(m.passwordFile("b-1"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("passwords.json mode %v, want 0600", st.Mode().Perm())
	}
}
