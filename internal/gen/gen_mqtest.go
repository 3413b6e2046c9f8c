package main

// genMQTest writes the emulator's generated files (the Service interface
// and its routes).
func genMQTest(m *Model) []file { return nil }
