/**
 * DOM side of the explorer: the controls (log slider + typed number per parameter, units,
 * the library's RangeError shown beside the control it names) and the counts table.
 */
import type { CountResults, SignatureCount } from "./compute";
import { channelLabel, DARKBOSON_LABELS, sci, SIGNATURE_LABELS } from "./format";
import { type ExplorerInputs, NUMERIC, numArg, type NumericSpec } from "./inputs";

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explorer.html has no #${id}`);
  return el as T;
};

const SELECTS = ["model", "coupling", "flavour", "detector", "preset", "normalisation", "decayFlavours"] as const;

/** Build the numeric rows (slider in log10, typed field, unit, error line). */
export function buildNumericControls(onChange: (key: NumericSpec["key"], value: number | string, live: boolean) => void): void {
  const host = $("numeric");
  for (const s of NUMERIC) {
    const row = document.createElement("div");
    row.className = "ctl";
    row.dataset["model"] = s.models.length === 1 ? s.models[0]! : "";
    row.innerHTML = `<label class="name" for="num-${s.key}">${s.label}${s.unit ? ` [${s.unit}]` : ""}</label>
<div class="num"><input type="range" id="range-${s.key}" min="${Math.log10(s.min)}" max="${Math.log10(s.max)}" step="0.01" aria-label="${s.key} (log scale)">
<input type="text" id="num-${s.key}" inputmode="decimal" spellcheck="false"><span class="unit">${s.unit || "&nbsp;"}</span></div>
<div class="note">log slider ${sci(s.min)} … ${sci(s.max)}${s.unit ? ` ${s.unit}` : ""}; type any value</div>
<div class="err" id="err-${s.key}"></div>`;
    host.appendChild(row);
    const range = row.querySelector<HTMLInputElement>("input[type=range]")!;
    const text = row.querySelector<HTMLInputElement>("input[type=text]")!;
    range.addEventListener("input", () => {
      const v = Number((10 ** Number(range.value)).toPrecision(3));
      text.value = numArg(v);
      onChange(s.key, v, true);
    });
    text.addEventListener("change", () => onChange(s.key, text.value.trim(), false));
  }
}

/** Wire the selects; empty value = "the preset's". */
export function bindSelects(onChange: (key: (typeof SELECTS)[number], value: string) => void): void {
  for (const k of SELECTS) $<HTMLSelectElement>(k).addEventListener("change", (e) => onChange(k, (e.target as HTMLSelectElement).value));
}

/** Put the inputs into the controls and show only the current model's rows. */
export function showInputs(i: ExplorerInputs): void {
  for (const k of SELECTS) {
    const v = (i as unknown as Record<string, unknown>)[k];
    $<HTMLSelectElement>(k).value = v === undefined ? "" : String(v);
  }
  for (const s of NUMERIC) {
    const x = i[s.key];
    const text = $<HTMLInputElement>(`num-${s.key}`);
    if (document.activeElement !== text) text.value = numArg(x);
    if (x > 0) $<HTMLInputElement>(`range-${s.key}`).value = String(Math.log10(x));
  }
  document.querySelectorAll<HTMLElement>("[data-model]").forEach((el) => {
    const m = el.dataset["model"];
    el.classList.toggle("hidden", m !== "" && m !== i.model);
  });
}

/** Show an error beside the control the message names ("mN = … must be > 0"), or in the general box. */
export function showError(message: string | null): void {
  document.querySelectorAll(".err").forEach((e) => (e.textContent = ""));
  document.querySelectorAll("input.bad").forEach((e) => e.classList.remove("bad"));
  $("general-error").textContent = "";
  if (message === null) return;
  const m = /^(?:--)?([A-Za-z0-9]+) = /.exec(message);
  const key = m?.[1];
  const box = key ? document.getElementById(`err-${key}`) : null;
  if (box && !box.closest(".hidden")) {
    box.textContent = message;
    document.getElementById(`num-${key}`)?.classList.add("bad");
  } else $("general-error").textContent = message;
}

function columns(rows: SignatureCount[], field: "by_channel" | "by_flavour" | "by_production"): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const [k, v] of Object.entries(r[field] ?? {})) if (v !== 0 || field !== "by_flavour") names.add(k);
  return [...names];
}

/** The counts table: total, then the breakdown by production mode (Z_D), channel and flavour. */
export function renderCounts(i: ExplorerInputs, r: CountResults): void {
  const entries = Object.entries(r.events);
  const rows = entries.map(([, v]) => v);
  const groups = [
    ["by_production", "production"],
    ["by_channel", "channel (target)"],
    ["by_flavour", "flavour"],
  ] as const;
  const cols = groups.map(([f, title]) => ({ f, title, names: columns(rows, f) })).filter((g) => g.names.length > 0);
  const head1 = `<tr><th></th><th></th>${cols.map((g) => `<th colspan="${g.names.length}" style="text-align:center">by ${g.title}</th>`).join("")}</tr>`;
  const head2 = `<tr><th>signature</th><th>events</th>${cols.map((g) => g.names.map((n) => `<th>${channelLabel(n)}</th>`).join("")).join("")}</tr>`;
  const labels = i.model === "darkboson" ? { ...SIGNATURE_LABELS, ...DARKBOSON_LABELS } : SIGNATURE_LABELS;
  const body = entries
    .map(([sig, v]) => {
      const cells = cols.map((g) => g.names.map((n) => {
        const x = v[g.f]?.[n];
        return `<td>${x === undefined ? "–" : sci(x)}</td>`;
      }).join("")).join("");
      return `<tr data-signature="${sig}"><td>${labels[sig] ?? sig}</td><td class="total">${sci(v.events)}</td>${cells}</tr>`;
    })
    .join("");
  $("counts").innerHTML = `<table class="counts"><thead>${head1}${head2}</thead><tbody>${body}</tbody></table>`;
}
