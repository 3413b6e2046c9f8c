// Package compat is the compatibility suite of mqctl against the real AWS
// CLI v2: both run the same commands against `mqctl serve`, and their
// normalised stdout, the first line of their stderr and their exit codes are
// compared. The suite is behind the build tag compat (make test-compat,
// which installs Debian's awscli when /usr/bin/aws is missing), so that
// make test needs only Go.
package compat
