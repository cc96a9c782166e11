package cluster

import (
	"fmt"
	"strings"
)

// Keywords is the libpq keyword/value connection string of the running
// cluster's gasrisk database ("host=… port=… dbname=… user=…"), the
// form GDAL's PG: driver takes (GDAL 3.6 refuses the URL form) and psql
// accepts as well.
func (c *Cluster) Keywords() (string, error) { return c.KeywordsFor(clusterDB) }

// KeywordsFor is the keyword/value connection string of database db in the
// running cluster.
func (c *Cluster) KeywordsFor(db string) (string, error) {
	s := c.Status()
	if !s.Running {
		return "", fmt.Errorf("the embedded database in %s is not running (gasrisk db start)", c.Dir)
	}
	return Conninfo([][2]string{{"host", s.SocketDir}, {"port", fmt.Sprint(s.Port)}, {"dbname", db},
		{"user", clusterUser}, {"sslmode", "disable"}}), nil
}

// Conninfo joins keyword/value pairs as libpq reads them: a value that is
// empty or holds spaces, quotes or backslashes is single-quoted, with ' and
// \ escaped by a backslash.
func Conninfo(pairs [][2]string) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		v := p[1]
		if v == "" || strings.ContainsAny(v, " \t\n'\\") {
			v = "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
		}
		parts[i] = p[0] + "=" + v
	}
	return strings.Join(parts, " ")
}
