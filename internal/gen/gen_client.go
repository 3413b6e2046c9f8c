package main

// genClient writes the client's generated files (operation methods and
// iterators).
func genClient(m *Model) []file { return nil }
