package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/mqrest/mqrest/mqtest"
)

// engineFlags are the flags of `mqctl serve --engines`.
type engineFlags struct {
	on   bool
	ca   string
	opts mqtest.EngineOptions
}

// addEngineFlags registers the --engines flags on fs.
func addEngineFlags(fs *pflag.FlagSet) *engineFlags {
	e := &engineFlags{}
	fs.BoolVar(&e.on, "engines", false, "back every broker with a real engine: RabbitMQ (Debian rabbitmq-server) or ActiveMQ (Debian activemq), as local processes")
	fs.StringVar(&e.ca, "engine-ca", "", "with --engines: file to write the engines' CA certificate (PEM) to, for clients to trust")
	fs.StringVar(&e.opts.DataDir, "engine-dir", "", "with --engines: directory of the engines' data, kept across restarts (default: STATE.engines with --state, else a temporary directory)")
	fs.StringVar(&e.opts.RabbitMQDir, "rabbitmq-dir", "", "with --engines: the RabbitMQ installation, holding bin/rabbitmq-server (default /usr/lib/rabbitmq)")
	fs.StringVar(&e.opts.ActiveMQDir, "activemq-dir", "", "with --engines: the ActiveMQ installation, holding bin/activemq.jar (default /usr/share/activemq)")
	fs.StringVar(&e.opts.MQTTJar, "activemq-mqtt-jar", "", "with --engines: the MQTT codec ActiveMQ's MQTT transport needs (default /usr/share/java/mqtt-client.jar, Debian libmqtt-client-java)")
	fs.StringVar(&e.opts.Java, "java", "", "with --engines: the java command that runs ActiveMQ (default java on PATH)")
	fs.StringVar(&e.opts.JVMHeap, "jvm-heap", "", "with --engines: ActiveMQ's maximum JVM heap (-Xmx; default 256m)")
	fs.StringVar(&e.opts.RabbitMQMemory, "rabbitmq-memory", "", "with --engines: RabbitMQ's vm_memory_high_watermark.absolute (default 256MiB)")
	return e
}

// options returns the emulator options of the flags (none without
// --engines), or an error for an engine flag given without --engines.
func (e *engineFlags) options(fs *pflag.FlagSet, state string) ([]mqtest.Option, error) {
	if !e.on {
		for _, name := range []string{"engine-ca", "engine-dir", "rabbitmq-dir", "activemq-dir", "activemq-mqtt-jar", "java", "jvm-heap", "rabbitmq-memory"} {
			if fs.Changed(name) {
				return nil, fmt.Errorf("serve: --%s needs --engines", name)
			}
		}
		return nil, nil
	}
	if e.opts.DataDir == "" && state != "" {
		e.opts.DataDir = state + ".engines"
	}
	return []mqtest.Option{mqtest.WithEngines(e.opts)}, nil
}

// writeCA writes the engines' CA certificate to the --engine-ca file.
func (e *engineFlags) writeCA(srv *mqtest.Server) error {
	if !e.on || e.ca == "" {
		return nil
	}
	if err := os.WriteFile(e.ca, srv.EngineCAPEM(), 0o644); err != nil {
		return fmt.Errorf("serve: --engine-ca: %v", pathError(err))
	}
	return nil
}
