/**
 * Cache keys of the IP production (issue 15): a key holds every input the result depends on,
 * so equal keys mean equal results. A meson spectrum enters by identity when it is frozen (the
 * shipped and parsed tables are: lib/ip/mesonTable.ts) and by a hash of its numbers otherwise.
 */
import { createHash } from "node:crypto";
import { stableJson } from "../core/stableJson";
import type { AngleMomentumSpectrum } from "./mesonTable";
import { type Meson, shippedMesonSpectrum } from "./mesons";

const ids = new WeakMap<object, string>();
let nextId = 0;

/** A string that is equal for two spectra exactly when their numbers are (frozen: per object; else a sha-256 of the numbers). */
export function spectrumKey(s: AngleMomentumSpectrum): string {
  const frozen = Object.isFrozen(s) && Object.isFrozen(s.sigma) && Object.isFrozen(s.log10P) && Object.isFrozen(s.log10Theta);
  if (frozen) {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = `frozen#${nextId++}`));
    return id;
  }
  const h = createHash("sha256").update(String(s.binWidth));
  for (const a of [s.log10Theta, s.log10P, s.sigma]) h.update(new Uint8Array(Float64Array.from(a).buffer));
  return h.digest("hex");
}

/** A bounded in-memory cache (least recently used entry dropped beyond `size`), keyed by the stable JSON of the inputs. */
export function boundedCache<T>(size: number): (inputs: unknown, compute: () => T) => T {
  const map = new Map<string, T>();
  return (inputs, compute) => {
    const key = stableJson(inputs);
    const hit = map.get(key);
    if (hit !== undefined) {
      // most recently used last (a Map iterates in insertion order)
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    const value = compute();
    map.set(key, value);
    if (map.size > size) map.delete(map.keys().next().value as string);
    return value;
  };
}

/**
 * The key of a meson-spectra option (lib/ip/primary): undefined for the default (the shipped
 * EPOS-LHC table), also when that very table is passed explicitly (the same numbers: e.g. the
 * EPOS-LHC entry of a generator band), else {@link spectrumKey}.
 */
export function mesonSpectrumKey(ms: Partial<Readonly<Record<Meson, AngleMomentumSpectrum>>> | undefined, meson: Meson): string | undefined {
  const s = ms?.[meson];
  return s === undefined || s === shippedMesonSpectrum("EPOSLHC", meson) ? undefined : spectrumKey(s);
}
