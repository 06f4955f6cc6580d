/** The plotted numbers of a figure as a CSV table (figure export; pure). */
import type { Figure } from "./figure";

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = typeof v === "number" ? String(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The plotted numbers of a figure as one tidy CSV table, columns
 * `trace,name,x,y,z,error_y`: one row per point of scatter traces, one row per grid node of
 * contour/heatmap traces. Layout shapes are not data and are only in the JSON export.
 */
export function figureCsv(fig: Figure): string {
  const rows: string[] = ["trace,name,x,y,z,error_y"];
  fig.data.forEach((t, k) => {
    const name = typeof t["name"] === "string" ? t["name"] : "";
    const x = (t["x"] as number[] | undefined) ?? [];
    const y = (t["y"] as number[] | undefined) ?? [];
    const z = t["z"] as number[][] | undefined;
    if (z) {
      z.forEach((row, j) => row.forEach((v, i) => rows.push([k, name, x[i], y[j], v, ""].map(csvCell).join(","))));
      return;
    }
    const err = ((t["error_y"] as { array?: number[] } | undefined)?.array) ?? [];
    x.forEach((xv, i) => rows.push([k, name, xv, y[i], "", err[i]].map(csvCell).join(",")));
  });
  return rows.join("\n") + "\n";
}

