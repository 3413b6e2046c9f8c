package main

// commandInfo is what an operation's command shows and does beyond the
// operation table, as the model and its overlay say it. commands
// (commands_gen.go, written by internal/gen) holds one for every operation
// of api.Operations, by operation name.
type commandInfo struct {
	name    string            // the command, e.g. "create-broker"
	short   string            // the first sentence of the model's documentation
	long    string            // the model's documentation and the overlay's CLI detail, wrapped
	example string            // the overlay's CLI example, or ""
	waiter  string            // the waiter of --wait ("BrokerRunning", "BrokerDeleted"), or ""
	flags   map[string]string // per input member (model name): its flag's help
	// minimums holds, per integer input member (model name) whose range
	// starts above 0, that minimum: a 0 given for it is refused as the
	// AWS CLI refuses it, since the typed input takes 0 for unset.
	minimums map[string]int64
}

// waitKindOf returns the wait that the model's waiter name runs.
func waitKindOf(waiter string) (waitKind, bool) {
	switch waiter {
	case "BrokerRunning":
		return waitRunning, true
	case "BrokerDeleted":
		return waitDeleted, true
	}
	return 0, false
}
