package cluster

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// osUser is the account the PostgreSQL server runs as. PostgreSQL refuses
// to run as root, so root hands the server to an unprivileged account.
type osUser struct {
	uid, gid int
	name     string
	home     string
	switched bool // true when the server runs as someone other than us
}

// serverUser picks the account for the server: ourselves unless we are root;
// as root, $GASRISK_PG_USER, then "postgres" (created by Debian's packages),
// then "nobody".
func serverUser() (*osUser, error) {
	if os.Geteuid() != 0 {
		return &osUser{uid: os.Geteuid(), gid: os.Getegid()}, nil
	}
	names := []string{os.Getenv("GASRISK_PG_USER"), "postgres", "nobody"}
	for _, n := range names {
		if n == "" {
			continue
		}
		u, err := user.Lookup(n)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if uid == 0 {
			continue
		}
		return &osUser{uid: uid, gid: gid, name: n, home: u.HomeDir, switched: true}, nil
	}
	return nil, errors.New("running as root and no unprivileged account (postgres, nobody) exists to run PostgreSQL; set GASRISK_PG_USER")
}

// apply makes cmd run as u.
func (u *osUser) apply(cmd *exec.Cmd) {
	if !u.switched {
		return
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(u.uid), Gid: uint32(u.gid)}}
	cmd.Env = append(cmd.Env, "HOME="+os.TempDir(), "USER="+u.name)
}

// prepareDirs creates the server's directories owned by u and, when the
// server runs as another account, makes sure that account can reach them:
// it adds search (x) permission, and nothing else, on ancestors that lack it.
func (c *Cluster) prepareDirs(u *osUser) error {
	for _, d := range []string{c.pgData(), c.socketDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	if !u.switched {
		return nil
	}
	for _, d := range []string{c.Dir, c.socketDir()} {
		if err := os.Chown(d, u.uid, u.gid); err != nil {
			return fmt.Errorf("chown %s: %w", d, err)
		}
		if err := allowSearch(filepath.Dir(d)); err != nil {
			return err
		}
	}
	return filepath.WalkDir(c.pgData(), func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, u.uid, u.gid)
	})
}

// allowSearch adds o+x to dir and each of its ancestors that lacks it.
func allowSearch(dir string) error {
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			return err
		}
		if st.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(d, st.Mode().Perm()|0o001); err != nil {
				return fmt.Errorf("let the database account reach %s: %w", d, err)
			}
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// lockFile takes an exclusive flock on path; the returned func releases it.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
