/**
 * The nudump command line: `nudump <command> [options]`. Each command prints a readable
 * table, or JSON with --json. A usage error (unknown option, bad value, unphysical input)
 * prints one line to stderr and returns exit status 2; other failures return 1.
 */
import { UsageError } from "./args";
import { darkbosonEvents, darkbosonSpectrum } from "./darkboson";
import { events, modelOf, sample, spectrum, EVENTS_HELP } from "./events";
import { width, xsec, WIDTH_HELP, XSEC_HELP } from "./physics";
import { reach, REACH_HELP } from "./reach";

const HELP = `nudump — neutrino beam-dump physics at FASER (arXiv:2011.04751)

commands:
  xsec       cross section of N production (dipole or dark-boson model)
  width      decay widths, branching fractions, lifetimes and decay lengths
  events     expected signal events of a signature in a detector
  spectrum   the visible-energy spectrum of a signature (JSON or CSV)
  sample     Monte Carlo events with full final states (HepMC3, Parquet, CSV or JSON)
  reach      the data of the paper's figures (JSON and CSV files)
  help       this text; \`nudump <command> --help\` for a command's options

${XSEC_HELP}

${WIDTH_HELP}

${EVENTS_HELP}

${REACH_HELP}`;

type Command = (argv: string[]) => { json: unknown; text: string } | Promise<{ json: unknown; text: string }>;

const COMMANDS: Record<string, Command> = {
  xsec,
  width,
  events: (argv) => (modelOf(argv) === "darkboson" ? darkbosonEvents(argv) : events(argv)),
  spectrum: (argv) => (modelOf(argv) === "darkboson" ? darkbosonSpectrum(argv) : spectrum(argv)),
  sample,
  reach,
};

/** Run the CLI on argv (without "node nudump"); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === "help" || cmd === "--help" || cmd === "-h") {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    process.stderr.write(`nudump: unknown command ${JSON.stringify(cmd)} (commands: ${Object.keys(COMMANDS).join(", ")}, help)\n`);
    return 2;
  }
  try {
    const r = await run(rest);
    if (r.text === "") return 0; // the command wrote its own output (e.g. CSV to a file or stdout)
    const wantJson = rest.includes("--json");
    process.stdout.write((wantJson ? JSON.stringify(r.json, null, 2) : r.text) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      process.stderr.write(`nudump ${cmd}: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`nudump ${cmd}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
