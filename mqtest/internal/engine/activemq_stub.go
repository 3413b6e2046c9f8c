package engine

import "errors"

func (m *Manager) startActiveMQ(in *instance, s Spec, pw map[string]string) (*proc, error) {
	return nil, errors.New("engine: ActiveMQ not wired yet")
}
