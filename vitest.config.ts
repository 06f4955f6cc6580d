import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // every test draws with Chromium (their determinism is what they test); test/renderCache.test.ts
    // turns the render cache on in a directory of its own
    env: { NUDUMP_RENDER_CACHE: "0" },
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
