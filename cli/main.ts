/**
 * The nudump command line: `nudump <command> [options]`. Each command prints a readable
 * table, or JSON with --json. Options are declared once (cli/spec.ts) and parsed and checked
 * by cli/options.ts. A usage error (unknown option, bad value or unit, unphysical input, a
 * missing or unreadable file or directory) prints one line to stderr and returns exit status 2
 * with nothing on stdout; an internal error returns 1 (its stack only with --debug).
 */
import { helpText, parseCommand, UsageError, type Parsed } from "./options";
import { assertFinite, snakeKeys } from "./output";
import { COMMAND_DEFS } from "./spec";
import { version } from "./version";

export { version };

export type Result = { json: unknown; text: string };
type Handler = (p: Parsed) => Result | Promise<Result>;

/**
 * A command's module, loaded on first use. Compiled (dist/, CommonJS) by `require`: `import()`
 * would start Node's ES-module loader, ~15 ms of CPU per call (issue 15); from the TypeScript
 * sources (vitest, tsx) by `import()`, which their loaders map from `./x.js` to `./x.ts`. Each
 * request is a literal so that the CLI bundle (scripts/bundle-cli.ts) carries every command.
 */
const compiled = __filename.endsWith(".js");
/* eslint-disable @typescript-eslint/no-require-imports */
const physics = (): Promise<typeof import("./physics")> => (compiled ? Promise.resolve(require("./physics.js")) : import("./physics.js"));
const dipoleEvents = (): Promise<typeof import("./events")> => (compiled ? Promise.resolve(require("./events.js")) : import("./events.js"));
const darkboson = (): Promise<typeof import("./darkboson")> => (compiled ? Promise.resolve(require("./darkboson.js")) : import("./darkboson.js"));
const sampleCmd = (): Promise<typeof import("./sample")> => (compiled ? Promise.resolve(require("./sample.js")) : import("./sample.js"));
const reachCmd = (): Promise<typeof import("./reach")> => (compiled ? Promise.resolve(require("./reach.js")) : import("./reach.js"));
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Each command's module is loaded only when that command runs (a call pays the start-up of its
 * own command, not of every command: `xsec` never loads the figures, worker threads or event
 * writers; `events` never loads the reach finder).
 */
const HANDLERS: Record<string, Handler> = {
  xsec: async (p) => (await physics()).xsec(p),
  width: async (p) => (await physics()).width(p),
  events: async (p) => (p.v.model === "darkboson" ? (await darkboson()).darkbosonEvents(p) : (await dipoleEvents()).events(p)),
  spectrum: async (p) => (p.v.model === "darkboson" ? (await darkboson()).darkbosonSpectrum(p) : (await dipoleEvents()).spectrum(p)),
  sample: async (p) => (await sampleCmd()).sample(p),
  reach: async (p) => (await reachCmd()).reach(p),
};

function globalHelp(): string {
  return [
    `nudump ${version()} — neutrino beam-dump physics at FASER (arXiv:2011.04751)`,
    "",
    "usage: nudump <command> [options]   (nudump <command> --help lists every option)",
    "",
    "commands:",
    ...COMMAND_DEFS.map((d) => `  ${d.name.padEnd(9)}  ${d.summary}`),
    `  ${"help".padEnd(9)}  this text; nudump help <command> for a command's options`,
    "",
    "Physical options take a number in the documented unit or a quantity: --mN 500MeV, --E \"1 TeV\",",
    "--mu 1e-6/GeV. --opt value and --opt=value are the same. --version prints the version.",
  ].join("\n");
}

const FS_CODES = new Set(["ENOENT", "EISDIR", "ENOTDIR", "EACCES", "EPERM", "EEXIST", "ENOTEMPTY", "EROFS", "ENOSPC", "ENAMETOOLONG"]);

/** Is this an error the user caused (bad input or a bad file or directory)? */
function isUsage(e: unknown): boolean {
  if (e instanceof UsageError || e instanceof RangeError) return true;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code === "string" && FS_CODES.has(code)) return true;
  // the library's readers wrap fs errors ("<file>: cannot read flux table (ENOENT: …)")
  const msg = e instanceof Error ? e.message : "";
  if ([...FS_CODES].some((c) => msg.includes(`${c}:`))) return true;
  // …and reject malformed files with "<file>:<line>: …"
  return /^\S+:\d+: /.test(msg);
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

/** process.stdout.write, the default output of {@link main} (in-process callers and tests capture it). */
const toProcessStdout = (text: string): void => void process.stdout.write(text);

export { writeStdout } from "./output";

/**
 * Run the CLI on argv (without "node nudump"); resolves to the exit status. The answer goes to
 * `write` (default process.stdout.write; bin/nudump.js passes {@link writeStdout}, a synchronous
 * write on descriptor 1 that does not build process.stdout). Streamed output (sample's CSV on
 * stdout) and errors (stderr) always go through process.stdout and process.stderr.
 */
export async function main(argv: string[], write: (text: string) => void = toProcessStdout): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === "--help" || cmd === "-h" || (cmd === "help" && rest.length === 0)) {
    write(globalHelp() + "\n");
    return 0;
  }
  if (cmd === "--version" || cmd === "-V") {
    write(version() + "\n");
    return 0;
  }
  const name = cmd === "help" ? rest[0]! : cmd;
  const def = COMMAND_DEFS.find((d) => d.name === name);
  if (!def) {
    process.stderr.write(`nudump: unknown command ${JSON.stringify(name)} (commands: ${COMMAND_DEFS.map((d) => d.name).join(", ")}, help)\n`);
    return 2;
  }
  if (cmd === "help") {
    write(helpText(def) + "\n");
    return 0;
  }
  const debug = rest.includes("--debug");
  try {
    const p = parseCommand(def, rest);
    if (p.v.help) {
      write(helpText(def) + "\n");
      return 0;
    }
    const r = await HANDLERS[name]!(p);
    if (r.text === "") return 0; // the command streamed its own output (CSV on stdout)
    const json = snakeKeys(r.json);
    assertFinite(json);
    write((p.v.json ? JSON.stringify(json, null, 2) : r.text) + "\n");
    return 0;
  } catch (e) {
    if (isUsage(e)) {
      process.stderr.write(`nudump ${name}: ${oneLine((e as Error).message)}\n`);
      return 2;
    }
    const msg = debug ? ((e as Error).stack ?? String(e)) : oneLine((e as Error)?.message ?? String(e));
    process.stderr.write(`nudump ${name}: internal error: ${msg}${debug ? "" : " (--debug for the stack)"}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
