package web_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"gasrisk/web"
)

// TestOpenAPILint holds the description (and the OGC API's part served at
// /ogc/api) to independent validators from npm: Redocly's linter with its
// recommended rules, and swagger-parser. They run where node and npm are
// installed (always in CI: scripts/deps.sh node); npm ci fetches them
// (package.json) when node_modules lacks them.
func TestOpenAPILint(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node and npm are missing in CI (scripts/deps.sh node)")
		}
		t.Skip("node/npm not installed: the OpenAPI linters are skipped")
	}
	root, _ := filepath.Abs("..")
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s %v: %v\n%s", name, args, err, out)
			return
		}
		t.Logf("%s %v:\n%s", name, args, out)
	}
	for _, tool := range []string{"@redocly/cli", "@apidevtools/swagger-parser"} {
		if _, err := os.Stat(filepath.Join(root, "node_modules", tool, "package.json")); err != nil {
			run("npm", "ci", "--no-audit", "--no-fund")
			break
		}
	}
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	code, _, ogcDoc := request(t, "GET", srv.URL+"/ogc/api", "", nil)
	if code != 200 {
		t.Fatalf("/ogc/api: %d", code)
	}
	ogcFile := filepath.Join(t.TempDir(), "ogc-api.json")
	if err := os.WriteFile(ogcFile, ogcDoc, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{filepath.Join(root, "web", "openapi.json"), ogcFile} {
		run("npx", "--no-install", "redocly", "lint", "--extends=recommended", "--format=stylish", doc)
		run("node", "-e", `require("@apidevtools/swagger-parser").validate(process.argv[1])
			.then(api => console.log("swagger-parser: valid", api.info.title))
			.catch(e => { console.error(e.message); process.exit(1); })`, doc)
	}
}
