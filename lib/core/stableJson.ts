/**
 * The stable JSON of plain data, the key of every cache keyed by its inputs (lib/engine/memo,
 * lib/ip/primary): object keys sorted at every depth, arrays in order, typed arrays as arrays,
 * undefined fields dropped, numbers in JSON's shortest round-trip form — so two inputs give the
 * same string exactly when they are equal. A RangeError names a non-finite number or a function
 * (not plain data) by its path in the inputs.
 */
export function stableJson(x: unknown): string {
  const norm = (v: unknown, where: string): unknown => {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new RangeError(`cache key: ${where} = ${v} is not a finite number`);
      return v;
    }
    if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") throw new RangeError(`cache key: ${where} is a ${typeof v} (allowed: plain data)`);
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    if (Array.isArray(v)) return v.map((e, i) => norm(e, `${where}[${i}]`));
    if (v !== null && typeof v === "object") {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const e = (v as Record<string, unknown>)[k];
        if (e !== undefined) o[k] = norm(e, `${where}.${k}`);
      }
      return o;
    }
    return v;
  };
  return JSON.stringify(norm(x, "inputs"));
}
