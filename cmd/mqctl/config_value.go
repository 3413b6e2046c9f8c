package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// configValue returns the setting key of the profile in use (--profile,
// else AWS_PROFILE, else default) from the shared config file
// (AWS_CONFIG_FILE, else ~/.aws/config), and whether it is set there.
func (a *app) configValue(key string) (string, bool) {
	path := a.getenv("AWS_CONFIG_FILE")
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false
		}
		path = filepath.Join(home, ".aws", "config")
	}
	profile := a.g.profile
	if profile == "" {
		profile = a.getenv("AWS_PROFILE")
	}
	if profile == "" {
		profile = "default"
	}
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			name := strings.TrimSpace(line[1 : len(line)-1])
			in = name == "profile "+profile || (name == profile && profile == "default")
			continue
		}
		if !in {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}
