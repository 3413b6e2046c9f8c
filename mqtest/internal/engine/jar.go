package engine

import (
	"archive/zip"
	"bufio"
	"strings"
)

// jarVersion returns the Implementation-Version of a jar's manifest.
func jarVersion(path string) (string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer z.Close()
	f, err := z.Open("META-INF/MANIFEST.MF")
	if err != nil {
		return "", errNoManifest
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Implementation-Version:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", sc.Err()
}
