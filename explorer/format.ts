/**
 * Display formatting of the explorer: numbers as 3.6×10⁻⁵, physics names (ν̄_μ as
 * ν̄<sub>μ</sub>, signature and channel names). Pure strings, no DOM.
 */

const SUP: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/** x with `digits` significant figures: plain between 10⁻² and 10⁴, else a×10ⁿ. */
export function sci(x: number, digits = 3): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-2 && a < 1e4) return String(Number(x.toPrecision(digits)));
  const [mant, exp] = x.toExponential(digits - 1).split("e") as [string, string];
  const m = String(Number(mant));
  const e = String(Number(exp)).replace(/./g, (c) => SUP[c] ?? c);
  return m === "1" ? `10${e}` : `${m}×10${e}`;
}

const GREEK: Record<string, string> = { e: "e", mu: "μ", tau: "τ" };

/** "nubar_mu" → ν̄<sub>μ</sub>, "nu_e" → ν<sub>e</sub>; other names unchanged. */
export function species(name: string): string {
  const m = /^(nu|nubar)_(e|mu|tau)$/.exec(name);
  if (!m) return name;
  return `${m[1] === "nubar" ? "ν̄" : "ν"}<sub>${GREEK[m[2]!]}</sub>`;
}

export const SIGNATURE_LABELS: Readonly<Record<string, string>> = {
  "vessel-photons": "vessel γ (N → νγ), E<sub>γ</sub> &gt; 100 GeV",
  "vessel-dileptons": "vessel ℓ⁺ℓ⁻, E(ℓ⁺) + E(ℓ⁻) &gt; 100 GeV",
  "ecc-photons-1tev": "ECC γ in the tungsten, |t| &lt; (0.1 GeV)², E<sub>γ</sub> &gt; 1 TeV",
  "ecc-photons-3tev": "ECC γ in the tungsten, |t| &lt; (0.1 GeV)², E<sub>γ</sub> &gt; 3 TeV",
  "electron-scattering": "ν e → N e, FASERν2 recoil cuts",
  "nu-e-scattering-fig3": "ν e → N e, FASERν2 recoil cuts (Fig. 3, no CLI twin)",
};

export const DARKBOSON_LABELS: Readonly<Record<string, string>> = {
  "vessel-dileptons": "vessel e⁺e⁻ (N → νZ<sub>D</sub>, Z<sub>D</sub> → e⁺e⁻), E &gt; 100 GeV",
};

/** Channel or source names as shown in the table header. */
export function channelLabel(name: string): string {
  const known: Record<string, string> = { coherent: "coherent W", proton: "p", neutron: "n", electron: "e⁻", pi0: "π⁰", eta: "η", brem: "p brems.", secondary: "secondary", primary: "primary" };
  return known[name] ?? species(name);
}
