// Preload of scripts/bench-cli.ts (`node -r scripts/cpu-at-exit.cjs …`, Linux): when the process
// exits, prints "cpu-at-exit {main, process}" to stderr — the main thread's CPU time (the first
// field of /proc/self/task/<pid>/schedstat, ns since the thread started, so Node's own start-up
// is included) and the CPU time of all threads (process.cpuUsage), both in ms.
"use strict";
const { readFileSync, writeSync } = require("node:fs");
process.on("exit", () => {
  const main = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "latin1").split(" ")[0]) / 1e6;
  const u = process.cpuUsage();
  writeSync(2, `cpu-at-exit ${JSON.stringify({ main, process: (u.user + u.system) / 1000 })}\n`);
});
