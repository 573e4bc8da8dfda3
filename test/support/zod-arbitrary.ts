// fast-check arbitraries from the API's zod schemas (through zod's JSON Schema of the input), and
// hostile values beyond them: wrong types, huge strings, unicode, nulls, `__proto__` keys.
import fc from 'fast-check';
import { z, type ZodType } from 'zod';

type Json = Record<string, unknown>;

/** Values that pass the schemas' refinements (which JSON Schema cannot say), by property name. */
const address = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,19}$/), fc.stringMatching(/^[a-z0-9-]{1,20}$/))
  .map(([local, domain]) => `${local}@${domain}.example`);
const BY_NAME: Record<string, fc.Arbitrary<unknown>> = {
  email: address,
  to: address,
  fromAddress: address,
  linkedinUrl: fc.stringMatching(/^[a-z0-9-]{3,30}$/).map((s) => `https://www.linkedin.com/in/${s}/`),
  from: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  jobUrl: fc.integer({ min: 1, max: 2 ** 40 }).map((n) => `https://www.linkedin.com/jobs/view/${n}/`),
};

const text = (min: number, max: number) =>
  fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
    fc.string({ minLength: min, maxLength: max, unit: 'binary' }),
  );

function fromJsonSchema(node: Json, name?: string): fc.Arbitrary<unknown> {
  const derived = derive(node);
  const byName = name ? BY_NAME[name] : undefined;
  return byName ? fc.oneof({ arbitrary: byName, weight: 3 }, { arbitrary: derived, weight: 1 }) : derived;
}

function derive(node: Json): fc.Arbitrary<unknown> {
  if (Array.isArray(node.anyOf)) return fc.oneof(...(node.anyOf as Json[]).map((n) => derive(n)));
  if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
  if ('const' in node) return fc.constant(node.const);
  switch (node.type) {
    case 'string': {
      const min = (node.minLength as number | undefined) ?? 0;
      const max = Math.min((node.maxLength as number | undefined) ?? 300, 300);
      if (typeof node.pattern === 'string')
        return fc.stringMatching(new RegExp(node.pattern)).filter((s) => s.length >= min && s.length <= max);
      if (node.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return text(min, Math.max(min, max));
    }
    case 'integer':
      return fc.integer({
        min: (node.minimum as number | undefined) ?? -1e9,
        max: (node.maximum as number | undefined) ?? 1e9,
      });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(node.items ? derive(node.items as Json) : fc.anything(), { maxLength: 5 });
    case 'object': {
      const props = (node.properties ?? {}) as Record<string, Json>;
      const required = (node.required ?? []) as string[];
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = fromJsonSchema(v, k);
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return fc.anything();
  }
}

/** Inputs shaped by the schema (many valid, some not: refinements are not all expressible). */
export function schemaArbitrary(schema: ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return fromJsonSchema(json);
}

/** An object with an own, enumerable `__proto__` key (what JSON.parse makes of one). */
function withProto(base: Json, value: unknown): Json {
  const o = { ...base };
  Object.defineProperty(o, '__proto__', { value, enumerable: true, configurable: true, writable: true });
  return o;
}

const HUGE = 'x'.repeat(200_000);
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(HUGE),
  fc.constant('\u0000\uFFFF\uD800'),
  fc.constant('<script>alert(1)</script>'),
  fc.constant('javascript:alert(1)'),
  fc.constant('\r\nBcc: victim@example.com'),
  fc.constant(-0),
  fc.constant(1e308),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ toString: 'x', valueOf: 1 }),
  fc.constant(withProto({}, { polluted: true })),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.anything({ maxDepth: 2 }),
);

/** Hostile whole inputs, and schema-shaped ones with one field replaced by a hostile value. */
export function hostileArbitrary(schema: ZodType | undefined): fc.Arbitrary<unknown> {
  const whole = fc.oneof(
    hostileLeaf,
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'json'), hostileLeaf, {
      maxKeys: 3,
    }),
  );
  if (!schema) return whole;
  const mutated = fc
    .tuple(schemaArbitrary(schema), hostileLeaf, fc.nat(), fc.boolean())
    .map(([valid, bad, pick, proto]) => {
      if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return bad;
      const keys = Object.keys(valid);
      const out: Json = { ...(valid as Json) };
      if (keys.length) out[keys[pick % keys.length]!] = bad;
      return proto ? withProto(out, { polluted: true, isAdmin: true }) : out;
    });
  return fc.oneof(whole, mutated);
}

/** JSON text for a generated value; `undefined` (no input at all) stays undefined. */
export function toJson(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
