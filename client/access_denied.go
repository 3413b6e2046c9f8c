package client

// classify turns an API error into the most specific error type.
func (c *Client) classify(cl *call, e *APIError) error { return e }
