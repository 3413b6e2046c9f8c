package engine

import (
	"net"
	"strconv"
	"time"
)

func dialTCP(port int) (net.Conn, error) {
	return net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
}
