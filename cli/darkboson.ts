/**
 * `nudump events|spectrum --model darkboson …`: the dark-gauge-boson signatures (Fig. 3 and
 * Fig. 4 of arXiv:2011.04751). Placeholder until lib/signatures/darkBoson*.ts exist.
 */
import { UsageError } from "./args";

/** `nudump events --model darkboson`. */
export function darkbosonEvents(_argv: string[]): { json: unknown; text: string } {
  throw new UsageError("--model darkboson events are not implemented yet (see issue 6)");
}

/** `nudump spectrum --model darkboson`. */
export function darkbosonSpectrum(_argv: string[]): { json: unknown; text: string } {
  throw new UsageError("--model darkboson spectra are not implemented yet (see issue 6)");
}
