/**
 * The report's page converter (scripts/notebooks/convert.py, one nbconvert process for a run):
 * its pages are the bytes of the nbconvert command line with the same template and options, a
 * malformed notebook gets an "error" line naming it and the converter goes on with the next.
 * Needs Debian's Jupyter (CI installs it with the notebooks; without it the test fails).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { jupyterEnv, projectRoot, python } from "../scripts/notebooks/common";

const templates = path.join(projectRoot, "scripts", "notebooks", "nbconvert");
const notebook = path.join(projectRoot, "notebooks", "00-overview.ipynb");

describe("report page converter", () => {
  it("writes the nbconvert command line's bytes, reports a malformed notebook and goes on", () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), "nudump-report-"));
    const viaConverter = path.join(dir, "a"), viaCli = path.join(dir, "b");
    for (const d of [viaConverter, viaCli]) fs.mkdirSync(d);
    const broken = path.join(dir, "broken.ipynb");
    fs.writeFileSync(broken, "{ not json\n");
    const conv = spawnSync(python, [path.join(projectRoot, "scripts", "notebooks", "convert.py"), "--template-dir", templates, "--output-dir", viaConverter], {
      input: `${broken}\n${notebook}\n`,
      encoding: "utf8",
      env: jupyterEnv(),
      cwd: projectRoot,
    });
    expect(conv.status, conv.stderr).toBe(0);
    const lines = conv.stdout.trim().split("\n");
    expect(lines[0]).toBe("ready");
    expect(lines[1]).toMatch(new RegExp(`^error ${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(lines[2]).toBe(`done ${notebook}`);
    const cli = spawnSync(python, ["-m", "nbconvert", "--to", "html", "--template", "nudump", `--TemplateExporter.extra_template_basedirs=${templates}`, "--HTMLExporter.mathjax_url=assets/mathjax/MathJax.js?config=TeX-AMS_SVG-full", "--output-dir", viaCli, notebook], {
      encoding: "utf8",
      env: jupyterEnv(),
      cwd: projectRoot,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const a = fs.readFileSync(path.join(viaConverter, "00-overview.html"));
    const b = fs.readFileSync(path.join(viaCli, "00-overview.html"));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  }, 120_000);
});
