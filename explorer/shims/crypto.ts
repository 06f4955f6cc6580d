/**
 * `node:crypto` for the browser bundle of the explorer: lib/plot/figure.ts' figure() gives each
 * trace a deterministic uid from createHash("sha256")…digest("hex"). The browser has no
 * synchronous SHA-256, and the uid only needs to be deterministic and well spread, so this is
 * a 64-bit FNV-1a (two 32-bit lanes) hex digest — not SHA-256, and never used for security.
 */
export function createHash(_algorithm: string): { update: (s: string) => { digest: (enc: "hex") => string } } {
  let text = "";
  const api = {
    update(s: string) {
      text += s;
      return api;
    },
    digest(_enc: "hex") {
      let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
      }
      const hex = (h: number) => h.toString(16).padStart(8, "0");
      return (hex(h1) + hex(h2)).repeat(4);
    },
  };
  return api;
}
export default { createHash };
