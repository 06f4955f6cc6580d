// Print the plain closing line "N passed, N failed, N skipped" from vitest's JSON report
// (written by the json reporter configured in vitest.config.ts). Exit 1 if the report is
// missing or unreadable, so that CI never prints a count it did not read.
const fs = require("node:fs");
const file = process.argv[2] || "test-results.json";
let r;
try {
  r = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (e) {
  console.error(`test-summary: cannot read ${file}: ${e.message}`);
  process.exit(1);
}
const passed = r.numPassedTests ?? 0;
// a test file that fails to load has no failed tests of its own: count each such file once
const brokenFiles = (r.testResults ?? []).filter(
  (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
).length;
const failed = (r.numFailedTests ?? 0) + brokenFiles;
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
