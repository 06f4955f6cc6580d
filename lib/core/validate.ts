/**
 * Argument checks shared by the library. Every failure is a RangeError that names the
 * parameter, its value and the allowed range, so that bad input never turns into NaN or 0.
 */

/** Throws unless x is a finite number. */
export function requireFinite(name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`${name} = ${String(x)} is not a finite number (allowed: finite real)`);
  }
}

/** Throws unless x is finite and > 0. */
export function requirePositive(name: string, x: number): void {
  requireFinite(name, x);
  if (!(x > 0)) throw new RangeError(`${name} = ${x} must be > 0`);
}

/** Throws unless x is finite and ≥ 0. */
export function requireNonNegative(name: string, x: number): void {
  requireFinite(name, x);
  if (!(x >= 0)) throw new RangeError(`${name} = ${x} must be ≥ 0`);
}

/** Throws unless lo ≤ x ≤ hi (finite). */
export function requireInRange(name: string, x: number, lo: number, hi: number): void {
  requireFinite(name, x);
  if (!(x >= lo && x <= hi)) throw new RangeError(`${name} = ${x} is outside the allowed range [${lo}, ${hi}]`);
}

/** Throws unless x is one of the allowed strings. */
export function requireOneOf<T extends string>(name: string, x: string, allowed: readonly T[]): asserts x is T {
  if (!(allowed as readonly string[]).includes(x)) {
    throw new RangeError(`${name} = ${JSON.stringify(x)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
}
