import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { LRUCache } from 'lru-cache';
import { invalidRequest } from '../openai/openai.errors';

/** A JSON Schema as tools and structured outputs carry it; only the keywords the builder reads are typed. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'kilo', 'lima', 'oscar', 'sierra', 'tango', 'zulu'];
const MAX_DEPTH = 8;
/** Builds tried per request (each picking differently) before the schema is called unsatisfiable. */
const ATTEMPTS = 4;
const AJV_OPTIONS = { strict: false, allErrors: false, validateFormats: false } as const;

/**
 * The simulator's one source of values for a JSON schema: tool-call arguments (Chat Completions and the
 * Responses API) and `json_schema` answers. A value is built from the schema and the request's seed (same
 * request, same value; another request, often another value), then checked with ajv in the schema's
 * dialect; a build that does not validate is retried picking differently (the first choice, an option of a
 * `oneOf` say, goes round its options from one try to the next), and a schema none satisfies is a
 * 400 naming the request field, so what the simulator answers is always valid against what was asked.
 */
export class SchemaSampler {
  /** One validator per JSON Schema dialect clients send: zod 4 writes 2020-12, most tools draft-07. */
  private readonly dialects = {
    draft07: new Ajv(AJV_OPTIONS),
    draft2019: new Ajv2019(AJV_OPTIONS),
    draft2020: new Ajv2020(AJV_OPTIONS),
  };
  /** Compiled validators by schema text: tools repeat on every turn of a conversation. */
  private readonly validators = new LRUCache<string, ValidateFunction>({ max: 256 });

  /** A value valid against `schema`; `param` names the request field for the 400 when there is none. */
  sample(schema: unknown, param: string, seed: Uint8Array): unknown {
    const root = (typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? schema : {}) as JsonSchema;
    const validate = this.validator(root, param);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const value = new InstanceBuilder(root, seed, attempt).build(root, 0);
      if (validate(value)) return value;
    }
    const problem = validate.errors?.[0];
    throw invalidRequest(
      `${param}: the simulator cannot produce a value for this schema${problem === undefined ? '' : ` (${problem.instancePath || '/'} ${problem.message ?? ''})`}.`,
      param,
    );
  }

  private dialectOf(schema: JsonSchema): Ajv {
    const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
    if (dialect.includes('2020-12')) return this.dialects.draft2020;
    if (dialect.includes('2019-09')) return this.dialects.draft2019;
    return this.dialects.draft07;
  }

  private validator(schema: JsonSchema, param: string): ValidateFunction {
    const key = JSON.stringify(schema);
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    const ajv = this.dialectOf(schema);
    // The dialect is chosen above; the meta-schema itself is not needed to check a value.
    const { $schema: _dialect, ...body } = schema;
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(body);
    } catch (error) {
      throw invalidRequest(`${param}: not a valid JSON schema (${(error as Error).message}).`, param);
    } finally {
      // ajv keeps every compiled schema by identity; the LRU above is the only cache.
      ajv.removeSchema(body);
    }
    this.validators.set(key, validate);
    return validate;
  }
}

/**
 * Builds one value for the subset clients generate: objects with properties (every declared one, as
 * strict structured outputs require), arrays with bounds, enums and consts, strings with formats and
 * lengths, bounded numbers and integers, `anyOf`/`oneOf` (an option picked by the seed), `allOf`, local
 * `$ref`s to `$defs`/`definitions`, nullable type lists. Never throws; validity is checked by the caller.
 */
class InstanceBuilder {
  private next = 0;

  constructor(
    private readonly root: JsonSchema,
    private readonly seed: Uint8Array,
    /** Which try this is: every pick moves by it, so each try of a request picks differently. */
    private readonly attempt: number,
  ) {}

  build(schema: JsonSchema, depth: number): unknown {
    const resolved = this.resolve(schema);
    if ('const' in resolved) return resolved.const;
    if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[this.pick(resolved.enum.length)];
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = resolved[key];
      if (Array.isArray(options) && options.length > 0) {
        // A null option only when it is the only one: an answer full of nulls tests little.
        const concrete = (options as JsonSchema[]).filter((option) => this.resolve(option).type !== 'null');
        const pool = concrete.length > 0 ? concrete : (options as JsonSchema[]);
        return this.build(pool[this.pick(pool.length)] ?? {}, depth + 1);
      }
    }
    if (Array.isArray(resolved.allOf)) {
      const merged = (resolved.allOf as JsonSchema[]).reduce<Record<string, unknown>>(
        (all, part) => mergeSchemas(all, this.resolve(part)),
        { ...resolved, allOf: undefined },
      );
      return this.build(merged, depth + 1);
    }
    switch (typeOf(resolved)) {
      case 'object':
        return this.object(resolved, depth);
      case 'array':
        return this.array(resolved, depth);
      case 'integer':
        return this.number(resolved, true);
      case 'number':
        return this.number(resolved, false);
      case 'boolean':
        return this.pick(2) === 0;
      case 'null':
        return null;
      default:
        return this.string(resolved);
    }
  }

  private object(schema: JsonSchema, depth: number): Record<string, unknown> {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const value: Record<string, unknown> = {};
    if (depth > MAX_DEPTH) return value;
    // Every declared property: strict structured outputs require them all, and optional ones do no harm.
    for (const [name, property] of Object.entries(properties)) value[name] = this.build(property, depth + 1);
    return value;
  }

  private array(schema: JsonSchema, depth: number): unknown[] {
    const items = (schema.items ?? {}) as JsonSchema;
    const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 2);
    const length = depth > MAX_DEPTH ? min : Math.min(Math.max(min, 1 + this.pick(2)), max);
    return Array.from({ length }, () => this.build(items, depth + 1));
  }

  private number(schema: JsonSchema, integer: boolean): number {
    const bound = (value: unknown) => (typeof value === 'number' ? value : undefined);
    const upper = bound(schema.maximum) ?? bound(schema.exclusiveMaximum);
    const low = bound(schema.minimum) ?? bound(schema.exclusiveMinimum) ?? (upper === undefined ? 0 : upper - 100);
    const high = upper ?? low + 100;
    // Strictly between the bounds, so exclusive bounds hold too.
    const value = low + (Math.max(high - low, 0) * (1 + this.pick(99))) / 101;
    if (!integer) return value;
    const rounded = Math.round(value);
    if (rounded < value && (rounded < low || rounded === bound(schema.exclusiveMinimum))) return rounded + 1;
    if (rounded > value && (rounded > high || rounded === bound(schema.exclusiveMaximum))) return rounded - 1;
    return rounded;
  }

  private string(schema: JsonSchema): string {
    switch (schema.format) {
      case 'date-time':
        return '2026-01-01T00:00:00Z';
      case 'date':
        return '2026-01-01';
      case 'time':
        return '00:00:00Z';
      case 'email':
        return `${WORDS[this.pick(WORDS.length)]}@example.com`;
      case 'uri':
      case 'url':
        return `https://example.com/${WORDS[this.pick(WORDS.length)]}`;
      case 'uuid':
        return '00000000-0000-4000-8000-000000000000';
      default:
        break;
    }
    let text = WORDS[this.pick(WORDS.length)] ?? 'alpha';
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
    while (text.length < minLength) text += ` ${WORDS[this.pick(WORDS.length)]}`;
    if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
    return text;
  }

  /** `$ref`s to this document's `$defs` or `definitions`, followed. */
  private resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; typeof current.$ref === 'string' && hops < MAX_DEPTH; hops++) {
      const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
      let target: unknown = this.root;
      for (const part of path) target = (target as Record<string, unknown> | undefined)?.[decodeURIComponent(part)];
      if (typeof target !== 'object' || target === null) return {};
      current = target as JsonSchema;
    }
    return current;
  }

  /** 0 ≤ n < count, from the seed: deterministic, and different from one call to the next. */
  private pick(count: number): number {
    const byte = this.seed[this.next % this.seed.length] ?? 0;
    this.next += 1;
    return (byte + this.next + this.attempt) % count;
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return (schema.type as string[]).find((type) => type !== 'null') ?? 'null';
  if (typeof schema.type === 'string') return schema.type;
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function mergeSchemas(into: Record<string, unknown>, part: JsonSchema): Record<string, unknown> {
  if (into.properties === undefined && part.properties === undefined) return { ...into, ...part };
  return { ...into, ...part, properties: { ...(into.properties ?? {}), ...(part.properties ?? {}) } };
}
