package mqtest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// The state file is a bbolt database: one record per broker, configuration
// and creatorRequestId, and a few meta keys (the ID generator, the creation
// counter, the page-token key). A change is one bbolt transaction that
// writes only the records the request reached, committed (and fsynced)
// before the client is answered; bbolt's copy-on-write pages and double
// meta page make a crash at any point leave either the old or the new
// state, in the one file, and its file lock keeps a second process out.

// storeFormat names the layout of the state database.
const storeFormat = "mqtest-state/2"

// lockTimeout is how long opening waits for another holder of the lock.
const lockTimeout = 200 * time.Millisecond

var (
	bucketMeta    = []byte("meta")
	bucketBrokers = []byte("brokers")
	bucketConfigs = []byte("configurations")
	bucketTokens  = []byte("creatorRequestIds")

	keyFormat  = []byte("format")
	keyRegion  = []byte("region")
	keyAccount = []byte("account")
	keyPageKey = []byte("pageKey")
	keyRand    = []byte("rand")
	keySeq     = []byte("seq")
	keySLR     = []byte("serviceLinkedRole")
)

// errStoreClosed is the error of a change after [Handler.Close].
var errStoreClosed = errors.New("the state file is closed")

// store is the open state database.
type store struct {
	path string
	db   *bolt.DB
	// failCommit, when set (by tests in this package), fails the commit
	// transaction after its writes, as a full disk would.
	failCommit func() error
}

// openStore opens (creating if missing, mode 0600) and locks the state
// database at path.
func openStore(path string) (*store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("mqtest: state file %s is in use: another mqctl serve (or mqtest handler) holds its lock", path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return nil, fmt.Errorf("mqtest: state file %s is not an mqtest state database: %w", path, err)
	case err != nil:
		return nil, fmt.Errorf("mqtest: state file %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("mqtest: state file %s: %w", path, err)
	}
	return &store{path: path, db: db}, nil
}

func (s *store) close() error { return s.db.Close() }

// load reads the whole state, or returns nil for a new, empty database.
func (s *store) load(region, account string) (*state, error) {
	var st *state
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		if f := string(meta.Get(keyFormat)); f != storeFormat {
			return fmt.Errorf("state has format %q, want %q", f, storeFormat)
		}
		if r, a := string(meta.Get(keyRegion)), string(meta.Get(keyAccount)); r != region || a != account {
			return fmt.Errorf("state belongs to region %s, account %s; this emulator serves region %s, account %s", r, a, region, account)
		}
		st = emptyState()
		st.pageKey = bytes.Clone(meta.Get(keyPageKey))
		if len(st.pageKey) == 0 {
			return errors.New("state has no pageKey")
		}
		st.ids = &rand.PCG{}
		if err := st.ids.UnmarshalBinary(meta.Get(keyRand)); err != nil {
			return fmt.Errorf("state has a bad rand: %w", err)
		}
		st.slr = len(meta.Get(keySLR)) == 1 && meta.Get(keySLR)[0] == 1
		var bs []*broker
		var cs []*configuration
		err := tx.Bucket(bucketBrokers).ForEach(func(k, v []byte) error {
			b, err := decodeBroker(k, v)
			bs = append(bs, b)
			return err
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketConfigs).ForEach(func(k, v []byte) error {
			c, err := decodeConfig(k, v)
			cs = append(cs, c)
			return err
		})
		if err != nil {
			return err
		}
		st.add(bs, cs)
		if v := meta.Get(keySeq); len(v) == 8 {
			st.seq = max(st.seq, binary.BigEndian.Uint64(v))
		}
		return tx.Bucket(bucketTokens).ForEach(func(k, v []byte) error {
			if st.brokers[string(v)] != nil {
				st.tokens[string(k)] = string(v)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("mqtest: state file %s: %w", s.path, err)
	}
	return st, nil
}

func decodeBroker(k, v []byte) (*broker, error) {
	var b *broker
	if err := json.Unmarshal(v, &b); err != nil {
		return nil, fmt.Errorf("broker %s: %w", k, err)
	}
	if err := checkBroker(b); err != nil {
		return nil, fmt.Errorf("broker %s: %w", k, err)
	}
	if b.ID != string(k) {
		return nil, fmt.Errorf("broker %s: record holds ID %s", k, b.ID)
	}
	return b, nil
}

func decodeConfig(k, v []byte) (*configuration, error) {
	var c *configuration
	if err := json.Unmarshal(v, &c); err != nil {
		return nil, fmt.Errorf("configuration %s: %w", k, err)
	}
	if err := checkConfig(c); err != nil {
		return nil, fmt.Errorf("configuration %s: %w", k, err)
	}
	if c.ID != string(k) {
		return nil, fmt.Errorf("configuration %s: record holds ID %s", k, c.ID)
	}
	return c, nil
}

// replace writes st as the whole state, dropping whatever the database
// held: for a new database, Restore and the migration of a JSON file.
func (s *store) replace(st *state, region, account string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketBrokers, bucketConfigs, bucketTokens} {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		for k, v := range map[string]string{string(keyFormat): storeFormat, string(keyRegion): region, string(keyAccount): account} {
			if err := meta.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		if err := meta.Put(keyPageKey, st.pageKey); err != nil {
			return err
		}
		for _, b := range st.brokers {
			if err := putJSON(tx.Bucket(bucketBrokers), b.ID, b); err != nil {
				return err
			}
		}
		for _, c := range st.configs {
			if err := putJSON(tx.Bucket(bucketConfigs), c.ID, c); err != nil {
				return err
			}
		}
		for tok, id := range st.tokens {
			if err := tx.Bucket(bucketTokens).Put([]byte(tok), []byte(id)); err != nil {
				return err
			}
		}
		return putMeta(meta, st)
	})
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

// putMeta writes the meta keys that change: ID generator, counter, role.
func putMeta(meta *bolt.Bucket, st *state) error {
	rnd, err := st.ids.MarshalBinary()
	if err != nil {
		return err
	}
	slr := []byte{0}
	if st.slr {
		slr[0] = 1
	}
	if err := meta.Put(keyRand, rnd); err != nil {
		return err
	}
	if err := meta.Put(keySeq, binary.BigEndian.AppendUint64(nil, st.seq)); err != nil {
		return err
	}
	return meta.Put(keySLR, slr)
}

// commit writes the records marked in st since the last commit, and the
// meta keys, in one transaction: O(change).
func (s *store) commit(st *state) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		bb, cb, tb := tx.Bucket(bucketBrokers), tx.Bucket(bucketConfigs), tx.Bucket(bucketTokens)
		for id := range st.dirtyBrokers {
			var err error
			if b := st.brokers[id]; b != nil {
				err = putJSON(bb, id, b)
			} else {
				err = bb.Delete([]byte(id))
			}
			if err != nil {
				return err
			}
		}
		for id := range st.dirtyConfigs {
			var err error
			if c := st.configs[id]; c != nil {
				err = putJSON(cb, id, c)
			} else {
				err = cb.Delete([]byte(id))
			}
			if err != nil {
				return err
			}
		}
		for tok := range st.dirtyTokens {
			var err error
			if id, ok := st.tokens[tok]; ok {
				err = tb.Put([]byte(tok), []byte(id))
			} else {
				err = tb.Delete([]byte(tok))
			}
			if err != nil {
				return err
			}
		}
		if err := putMeta(tx.Bucket(bucketMeta), st); err != nil {
			return err
		}
		if s.failCommit != nil {
			return s.failCommit()
		}
		return nil
	})
}

// rollback puts the records marked in st back as the database holds them,
// undoing a change whose commit failed. The ID generator and the counter
// stay where they are, so no ID is issued twice.
func (s *store) rollback(st *state) error {
	return s.db.View(func(tx *bolt.Tx) error {
		bb, cb, tb := tx.Bucket(bucketBrokers), tx.Bucket(bucketConfigs), tx.Bucket(bucketTokens)
		for id := range st.dirtyBrokers {
			if cur := st.brokers[id]; cur != nil {
				st.unindexBroker(cur)
				delete(st.brokers, id)
			}
			if v := bb.Get([]byte(id)); v != nil {
				b, err := decodeBroker([]byte(id), v)
				if err != nil {
					return err
				}
				st.brokers[id] = b
				st.indexBroker(b)
			}
		}
		for id := range st.dirtyConfigs {
			if cur := st.configs[id]; cur != nil {
				st.unindexConfig(cur)
			}
			delete(st.configs, id)
			if v := cb.Get([]byte(id)); v != nil {
				c, err := decodeConfig([]byte(id), v)
				if err != nil {
					return err
				}
				st.configs[id] = c
				st.indexConfig(c)
			}
		}
		for tok := range st.dirtyTokens {
			if v := tb.Get([]byte(tok)); v != nil {
				st.tokens[tok] = string(v)
			} else {
				delete(st.tokens, tok)
			}
		}
		slr := tx.Bucket(bucketMeta).Get(keySLR)
		st.slr = len(slr) == 1 && slr[0] == 1
		return nil
	})
}

// commitLocked ends a request's change: it brings the indexes up to date
// and, when the request changed the state and there is a state file,
// writes the change durably. When that fails, the change is undone in
// memory, so that what the emulator serves is what the file holds, and the
// error is returned for the client's 500. Called with h.mu held.
func (h *Handler) commitLocked(changed bool) error {
	st := h.st
	st.refresh()
	defer st.clearChanges()
	if !changed || h.store == nil {
		return nil
	}
	if h.closed {
		return errStoreClosed
	}
	err := h.store.commit(st)
	if err == nil {
		return nil
	}
	if rerr := h.store.rollback(st); rerr != nil {
		h.log.Error("mqtest: undoing a change that could not be saved", "file", h.store.path, "err", rerr)
	}
	return err
}

// migrateJSON turns an mqtest-state/1 JSON state file (what earlier
// versions wrote) into a state database at the same path: it builds the
// database beside it and renames it over the JSON file. A missing file or a
// database is left alone.
func (h *Handler) migrateJSON(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("mqtest: state file: %w", err)
	}
	head := make([]byte, 64)
	n, _ := f.Read(head)
	f.Close()
	if t := bytes.TrimLeft(head[:n], " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("mqtest: state file: %w", err)
	}
	st, err := h.parseSnapshot(data)
	if err != nil {
		return fmt.Errorf("mqtest: state file %s: %w", path, err)
	}
	tmp := path + ".migrating"
	_ = os.Remove(tmp) // left by a crash during an earlier migration
	s, err := openStore(tmp)
	if err == nil {
		err = s.replace(st, h.cfg.region, h.cfg.account)
		if cerr := s.close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("mqtest: migrating state file %s: %w", path, err)
	}
	return nil
}
