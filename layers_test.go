package gasrisk_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// module is the module path of the repository.
const module = "gasrisk"

// pkg is what the layering rules look at in one package of the tree: its
// imports, the exported functions it declares, and the package-qualified
// names its code uses (test files left out).
type pkg struct {
	path    string
	imports []string
	funcs   []string            // exported top-level functions
	uses    map[string][]string // import path → names used from it
}

// pure lists the packages that hold domain rules only: no database, HTTP,
// router or process code, and nothing of data/, web/ or cmd/ (docs/design.md).
func pure() []string {
	return []string{"gasrisk", "gasrisk/riskmodel", "gasrisk/geo", "gasrisk/hazard", "gasrisk/permit",
		"gasrisk/paint", "gasrisk/phmsa", "gasrisk/synth", "gasrisk/printmap", "gasrisk/cql2", "gasrisk/renewal", "gasrisk/alarm", "gasrisk/network"}
}

// banned lists what a pure package may not import (a path or its prefix).
func banned() []string {
	return []string{"github.com/jackc/pgx", "net/http", "github.com/gorilla/mux", "database/sql", "os/exec", "net",
		"gasrisk/data", "gasrisk/web", "gasrisk/tiles", "gasrisk/cmd"}
}

// under reports whether import path p is prefix or below it.
func under(p, prefix string) bool { return p == prefix || strings.HasPrefix(p, prefix+"/") }

// violations checks the layering rules over the packages of a tree:
//   - a pure package imports nothing banned;
//   - nothing imports a command (gasrisk/cmd/...);
//   - data/cluster knows nothing of gasrisk (it imports no gasrisk package
//     but data/portfile, which knows nothing of gasrisk either);
//   - no data package imports web, tiles or a command;
//   - web reaches the data packages only through the interfaces it
//     declares: it may use their types and constants, never call their
//     functions (constructors included: cmd composes the services).
func violations(pkgs map[string]pkg) []string {
	var out []string
	for _, p := range pkgs {
		for _, imp := range p.imports {
			switch {
			case slices.Contains(pure(), p.path) && slices.ContainsFunc(banned(), func(b string) bool { return under(imp, b) }):
				out = append(out, p.path+" is pure but imports "+imp)
			case under(imp, "gasrisk/cmd"):
				out = append(out, p.path+" imports the command "+imp)
			case (p.path == "gasrisk/data/cluster" || p.path == "gasrisk/data/portfile") && under(imp, module) && imp != "gasrisk/data/portfile":
				out = append(out, "data/cluster imports "+imp+": it must know nothing of gasrisk")
			case under(p.path, "gasrisk/data") && (under(imp, "gasrisk/web") || under(imp, "gasrisk/tiles")):
				out = append(out, p.path+" imports "+imp)
			}
		}
		if p.path != "gasrisk/web" {
			continue
		}
		for imp, names := range p.uses {
			if !under(imp, "gasrisk/data") {
				continue
			}
			for _, n := range names {
				if slices.Contains(pkgs[imp].funcs, n) {
					out = append(out, "web calls "+imp+"."+n+": it must reach data only through its interfaces")
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// readTree parses every package of the tree below root (test files and
// testdata left out).
func readTree(t *testing.T, root string) map[string]pkg {
	t.Helper()
	pkgs := map[string]pkg{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		ip := path.Join(module, filepath.ToSlash(rel))
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pk := pkgs[ip]
		pk.path = ip
		if pk.uses == nil {
			pk.uses = map[string][]string{}
		}
		addFile(&pk, f)
		pkgs[ip] = pk
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// addFile adds a file's imports, exported functions and qualified uses.
func addFile(p *pkg, f *ast.File) {
	names := map[string]string{} // local name → import path
	for _, imp := range f.Imports {
		ip, _ := strconv.Unquote(imp.Path.Value)
		if !slices.Contains(p.imports, ip) {
			p.imports = append(p.imports, ip)
		}
		local := path.Base(ip)
		if imp.Name != nil {
			local = imp.Name.Name
		}
		names[local] = ip
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() {
			p.funcs = append(p.funcs, fd.Name.Name)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] != "" {
				p.uses[names[id.Name]] = append(p.uses[names[id.Name]], sel.Sel.Name)
			}
		}
		return true
	})
}

// TestLayers guards the architecture of docs/design.md on the real tree.
func TestLayers(t *testing.T) {
	pkgs := readTree(t, ".")
	for _, p := range append(pure(), "gasrisk/web", "gasrisk/data/cluster", "gasrisk/data/ledger") {
		if _, ok := pkgs[p]; !ok {
			t.Errorf("package %s is not in the tree: the rules name it", p)
		}
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// TestLayersCatch shows that each rule fails on a violation.
func TestLayersCatch(t *testing.T) {
	ledger := pkg{path: "gasrisk/data/ledger", funcs: []string{"New"}}
	for _, tc := range []struct {
		name string
		pkg  pkg
		want string
	}{
		{"pure imports pgx", pkg{path: "gasrisk/riskmodel", imports: []string{"github.com/jackc/pgx/v5"}},
			"gasrisk/riskmodel is pure but imports github.com/jackc/pgx/v5"},
		{"pure imports net/http", pkg{path: "gasrisk/hazard", imports: []string{"net/http"}},
			"gasrisk/hazard is pure but imports net/http"},
		{"pure imports a data package", pkg{path: "gasrisk/permit", imports: []string{"gasrisk/data/permits"}},
			"gasrisk/permit is pure but imports gasrisk/data/permits"},
		{"web imports cmd", pkg{path: "gasrisk/web", imports: []string{"gasrisk/cmd/gasrisk"}},
			"gasrisk/web imports the command gasrisk/cmd/gasrisk"},
		{"cluster knows the domain", pkg{path: "gasrisk/data/cluster", imports: []string{"gasrisk/riskmodel"}},
			"data/cluster imports gasrisk/riskmodel: it must know nothing of gasrisk"},
		{"data imports web", pkg{path: "gasrisk/data/ledger", imports: []string{"gasrisk/web"}},
			"gasrisk/data/ledger imports gasrisk/web"},
		{"web calls a data constructor", pkg{path: "gasrisk/web", imports: []string{"gasrisk/data/ledger"},
			uses: map[string][]string{"gasrisk/data/ledger": {"Filter", "New"}}},
			"web calls gasrisk/data/ledger.New: it must reach data only through its interfaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(map[string]pkg{tc.pkg.path: tc.pkg, ledger.path + "/": ledger, ledger.path: ledger})
			if tc.pkg.path == ledger.path {
				got = violations(map[string]pkg{ledger.path: tc.pkg})
			}
			if !slices.Contains(got, tc.want) {
				t.Errorf("violations %q, want %q", got, tc.want)
			}
		})
	}
}
