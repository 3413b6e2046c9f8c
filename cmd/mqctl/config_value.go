package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// profileConfig is the selected profile's section of the shared config
// file, read once, when a setting is first asked for.
type profileConfig struct {
	once   sync.Once
	values map[string]string
}

// configValue returns the selected profile's value of the config-file key
// (output, cli_pager, cli_timestamp_format, max_attempts, ...) and whether
// the profile sets it. The profile is profileName's, the file
// configFile's. The file is read at most once per run, only when a setting
// is asked for, so a run that needs none does not touch it.
func (a *app) configValue(key string) (string, bool) {
	a.config.once.Do(func() { a.config.values = a.loadProfileConfig() })
	v, ok := a.config.values[key]
	return v, ok
}

// profileName is the profile the run uses: --profile, else AWS_PROFILE,
// else AWS_DEFAULT_PROFILE (as aws-sdk-go-v2 and the AWS CLI), else
// "default".
func (a *app) profileName() string {
	for _, p := range []string{a.g.profile, a.getenv("AWS_PROFILE"), a.getenv("AWS_DEFAULT_PROFILE")} {
		if p != "" {
			return p
		}
	}
	return "default"
}

// configFile is the shared config file's path: AWS_CONFIG_FILE, else
// ~/.aws/config.
func (a *app) configFile() string {
	if p := a.getenv("AWS_CONFIG_FILE"); p != "" {
		if strings.HasPrefix(p, "~/") {
			if home := a.home(); home != "" {
				return filepath.Join(home, p[2:])
			}
		}
		return p
	}
	if home := a.home(); home != "" {
		return filepath.Join(home, ".aws", "config")
	}
	return ""
}

// home is the user's home directory: HOME, else the system's idea of it.
func (a *app) home() string {
	if h := a.getenv("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

// loadProfileConfig reads the selected profile's top-level keys
// ("[default]" or "[profile NAME]", as the AWS CLI names sections).
// Sub-section lines (indented, under a key with an empty value) are
// skipped; a missing or unreadable file gives no values.
func (a *app) loadProfileConfig() map[string]string {
	values := map[string]string{}
	path := a.configFile()
	if path == "" {
		return values
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return values
	}
	name := a.profileName()
	want := map[string]bool{"profile " + name: true}
	if name == "default" {
		want["default"] = true
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' {
			continue
		}
		if trimmed[0] == '[' && strings.HasSuffix(trimmed, "]") {
			section := strings.Join(strings.Fields(trimmed[1:len(trimmed)-1]), " ")
			in = want[section]
			continue
		}
		if !in || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		k, v, ok := strings.Cut(trimmed, "=")
		if !ok {
			continue
		}
		values[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return values
}
