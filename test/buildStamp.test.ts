import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildInputsKey, buildStamp, stampAfterBuild } from "../scripts/buildStamp";

// `npm run build` (npm ci's prepare) stamps dist/ so that the first `npm run main` does not build again
describe("build stamp after tsc (scripts/bundle-cli.ts)", () => {
  const out = path.resolve(__dirname, "../dist/cli/main.js");
  const st = fs.statSync(out);
  const saved = fs.existsSync(buildStamp) ? fs.readFileSync(buildStamp, "utf8") : null;
  afterAll(() => {
    fs.utimesSync(out, st.atime, st.mtime);
    if (saved === null) fs.rmSync(buildStamp, { force: true });
    else fs.writeFileSync(buildStamp, saved);
  });
  it("stamps the inputs' key when every input is older than tsc's output", () => {
    fs.utimesSync(out, st.atime, new Date(Date.now() + 3600e3));
    expect(stampAfterBuild()).toBe(true);
    expect(fs.readFileSync(buildStamp, "utf8").trim()).toBe(buildInputsKey());
  });
  it("removes the stamp when an input is newer than the output (edited after tsc wrote it): the next run builds", () => {
    fs.utimesSync(out, st.atime, new Date(0));
    expect(stampAfterBuild()).toBe(false);
    expect(fs.existsSync(buildStamp)).toBe(false);
  });
});
