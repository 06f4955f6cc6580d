/**
 * Functions longer than a limit (issue 13: functions under ~80 lines), found with the
 * TypeScript parser: every function declaration, method, constructor, accessor, function
 * expression and arrow function, measured from its first to its last line (a nested function
 * counts again inside its parent). `npx tsx scripts/functionLengths.ts [max=80] [dir …]` prints
 * `file:line name lines`, longest first; test/layers.test.ts uses {@link longFunctions}.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** One function over the limit. */
export interface LongFunction {
  /** Path relative to the repository root, forward slashes. */
  readonly file: string;
  /** 1-based line of the function's start. */
  readonly line: number;
  readonly name: string;
  readonly lines: number;
}

const root = path.resolve(__dirname, "..");

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path.join(dir, e.name)] : []));
}

/** A readable name: the declaration's own, or the variable/property it is assigned to, or `(anonymous)`. */
function nameOf(node: ts.Node, src: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(src);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const p = node.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) return p.name.getText(src);
  return "(anonymous)";
}

/** Functions of more than `max` lines in the .ts files under `dirs` (relative to the repository root). */
export function longFunctions(max = 80, dirs: readonly string[] = ["lib"]): LongFunction[] {
  const out: LongFunction[] = [];
  for (const d of dirs) {
    for (const file of tsFiles(path.join(root, d))) {
      const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined) {
          const start = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
          const end = src.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > max) out.push({ file: path.relative(root, file).split(path.sep).join("/"), line: start + 1, name: nameOf(node, src), lines: end - start + 1 });
        }
        ts.forEachChild(node, visit);
      };
      visit(src);
    }
  }
  return out.sort((a, b) => b.lines - a.lines);
}

if (require.main === module) {
  const [max, ...dirs] = process.argv.slice(2);
  for (const f of longFunctions(max ? Number(max) : 80, dirs.length ? dirs : ["lib"])) console.log(`${f.file}:${f.line} ${f.name} ${f.lines} lines`);
}
