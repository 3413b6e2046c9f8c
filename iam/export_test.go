package iam

// AssertRoundTrip lets the external tests check round trips.
var AssertRoundTrip = assertRoundTrip
