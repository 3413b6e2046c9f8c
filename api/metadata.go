package api

// Metadata is embedded in every operation output. It carries what the
// response said about the call rather than about the resource.
type Metadata struct {
	// RequestID is the X-Amzn-RequestId of the response that produced the
	// output; quote it when asking AWS Support about a call.
	RequestID string
}

// Meta returns m; the client uses it to record the request ID on any output.
func (m *Metadata) Meta() *Metadata { return m }
