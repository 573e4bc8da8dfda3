// The server's tRPC transformer: superjson, with a quicker writer for what answers almost always
// are — plain objects and arrays of strings, finite numbers, booleans, null and Dates (history
// rows, drafts, stats). It writes exactly superjson's output for them (the same `json`, the same
// `meta.values` paths in the same order, `v: 1`); anything else (undefined, Map, Set, BigInt,
// -0, NaN, an invalid Date, class instances, an object met twice, keys superjson escapes) goes to
// superjson itself. Inputs are read by superjson as before.
//
// Why: superjson.serialize walks every answer with a generic walker (identity map, path arrays,
// copy-anything), 3–5% of a recorded send's CPU on the server (bench:server, --cpu-prof); the
// equivalence with superjson is tested on random values (transformer.test.ts).
import superjson, { type SuperJSONResult } from 'superjson';

type Annotations = Record<string, ['Date']>;

class Unusual extends Error {}
const UNUSUAL = new Unusual();

const isSafeKey = (k: string) =>
  !k.includes('.') && !k.includes('\\') && k !== '__proto__' && k !== 'constructor' && k !== 'prototype';

/** What the last walk() found to annotate in its value: nothing, the value (a Date), or paths in it. */
let found: Annotations | 'Date' | undefined;

/**
 * Adds the annotations `found` under `key` to a level's own, as superjson's walker does (one
 * object per level, filled in order — so integer-like keys come first at each level, as in
 * superjson's output).
 */
function collect(inner: Annotations | undefined, key: string): Annotations | undefined {
  if (found === undefined) return inner;
  inner ??= {};
  if (found === 'Date') inner[key] = ['Date'];
  else for (const k in found) inner[`${key}.${k}`] = found[k]!;
  return inner;
}

/**
 * The JSON form of `v`, leaving its Date annotations in `found`; throws UNUSUAL for anything
 * superjson would annotate other than a Date, or treat specially.
 */
function walk(v: unknown, seen: Set<object>): unknown {
  found = undefined;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (Number.isFinite(v) && !Object.is(v, -0)) return v;
    throw UNUSUAL;
  }
  if (typeof v !== 'object') throw UNUSUAL; // undefined, bigint, symbol, function
  // superjson records objects met twice (referentialEqualities)
  if (seen.has(v)) throw UNUSUAL;
  seen.add(v);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === Date.prototype) {
    if (Number.isNaN((v as Date).getTime())) throw UNUSUAL;
    found = 'Date';
    return (v as Date).toISOString();
  }
  let inner: Annotations | undefined;
  if (proto === Array.prototype) {
    const a = v as unknown[];
    const out = new Array<unknown>(a.length);
    for (let i = 0; i < a.length; i++) {
      if (!(i in a)) throw UNUSUAL; // a hole
      out[i] = walk(a[i], seen);
      inner = collect(inner, String(i));
    }
    found = inner;
    return out;
  }
  if (proto === Object.prototype) {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) {
      if (!isSafeKey(k)) throw UNUSUAL;
      out[k] = walk(o[k], seen);
      inner = collect(inner, k);
    }
    found = inner;
    return out;
  }
  throw UNUSUAL;
}

/** superjson.serialize(value), quicker for plain data with Dates (same result). */
export function serialize(value: unknown): SuperJSONResult {
  let json: unknown;
  try {
    json = walk(value, new Set());
  } catch (err) {
    if (err === UNUSUAL) return superjson.serialize(value);
    throw err;
  }
  const values = found;
  found = undefined;
  if (values === undefined) return { json } as SuperJSONResult;
  return { json, meta: { values: values === 'Date' ? ['Date'] : values, v: 1 } } as SuperJSONResult;
}

/** For initTRPC: superjson both ways, its writer replaced by the quicker one above. */
export const transformer = {
  input: superjson,
  output: { serialize, deserialize: (v: SuperJSONResult) => superjson.deserialize(v) },
};
