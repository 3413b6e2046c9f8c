// Package enginetest holds the end-to-end tests of mqtest's real engines
// (mqtest.WithEngines, mqctl serve --engines): brokers created through the
// client, then used with real AMQP (github.com/rabbitmq/amqp091-go) and
// MQTT (github.com/eclipse/paho.mqtt.golang) clients over TLS. It is a
// module of its own so that those clients stay out of the library's
// go.mod; `make test-engines` runs it, after installing Debian's
// rabbitmq-server and activemq packages when they are missing.
package enginetest
