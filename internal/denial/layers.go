package denial

import (
	"strings"

	"github.com/mqrest/mqrest/iam"
)

// layerPhrases maps the lower-case layer names seen in messages to the
// normalized [iam.PolicyType] values. Where one phrase is a prefix of another,
// the longer one comes first, since layerAt takes the first match.
var layerPhrases = [...]struct {
	phrase string
	layer  iam.PolicyType
}{
	{"service control policy", iam.PolicyTypeSCP},
	{"resource control policy", iam.PolicyTypeRCP},
	{"identity-based policy", iam.PolicyTypeIdentityBased},
	{"identity based policy", iam.PolicyTypeIdentityBased},
	{"resource-based policy", iam.PolicyTypeResourceBased},
	{"resource based policy", iam.PolicyTypeResourceBased},
	{"permissions boundary policy", iam.PolicyTypePermissionsBoundary},
	{"permissions boundary", iam.PolicyTypePermissionsBoundary},
	{"permission boundary", iam.PolicyTypePermissionsBoundary},
	{"sessions policy", iam.PolicyTypeSession},
	{"session policy", iam.PolicyTypeSession},
	{"vpc endpoint policy", iam.PolicyTypeVPCEndpoint},
	{"vpce policy", iam.PolicyTypeVPCEndpoint},
	{"endpoint policy", iam.PolicyTypeVPCEndpoint},
	{"role trust policy", iam.PolicyTypeRoleTrust},
	{"trust policy", iam.PolicyTypeRoleTrust},
	{"scp", iam.PolicyTypeSCP},
	{"rcp", iam.PolicyTypeRCP},
}

// maxLayerWords bounds the words of a layer name this package does not
// know, e.g. a future "<words> policy".
const maxLayerWords = 6

// layerAt reads a policy layer name at the start of s (l is s in ASCII
// lower case) and returns it normalized, with the number of bytes it
// consumed. A known name is matched first; otherwise up to maxLayerWords
// words ending in "policy" or "boundary" are passed through as written.
// It returns ("", 0) when s starts with no layer name.
func layerAt(s, l string) (layer iam.PolicyType, n int) {
	for _, p := range layerPhrases {
		if strings.HasPrefix(l, p.phrase) && wordEnd(l, len(p.phrase)) {
			return p.layer, len(p.phrase)
		}
	}
	// Unknown layer: letters and hyphens, words separated by one space.
	i := 0
	for w := 0; w < maxLayerWords; w++ {
		j := i
		for j < len(l) && (isLower(l[j]) || l[j] == '-') {
			j++
		}
		if j == i || !wordEnd(l, j) {
			return "", 0
		}
		if word := l[i:j]; word == "policy" || word == "boundary" {
			return iam.PolicyType(s[:j]), j
		}
		if j >= len(l) || l[j] != ' ' {
			return "", 0
		}
		i = j + 1
	}
	return "", 0
}

// wordEnd reports whether position i of l ends a word: the end of l or a
// byte that cannot continue a layer name.
func wordEnd(l string, i int) bool {
	if i >= len(l) {
		return true
	}
	c := l[i]
	return !(isLower(c) || isDigit(c) || c == '-' || c == '_')
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
