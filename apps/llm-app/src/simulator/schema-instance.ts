/** A JSON Schema as tools and structured outputs carry it; only the keywords the instance builder reads are typed. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'kilo', 'lima', 'oscar', 'sierra', 'tango', 'zulu'];
const MAX_DEPTH = 8;

/**
 * A value valid against `schema`, the same one for the same schema and seed: what the simulator puts in
 * tool-call arguments and structured outputs. Covers the subset clients generate (objects with
 * properties and `required`, arrays, enums and consts, strings with formats and lengths, bounded
 * numbers, `anyOf`/`oneOf`/`allOf`, local `$ref`s to `$defs`/`definitions`, nullable type lists).
 */
export function schemaInstance(schema: JsonSchema, seed: Uint8Array): unknown {
  return new InstanceBuilder(schema, seed).build(schema, 0);
}

class InstanceBuilder {
  private next = 0;

  constructor(
    private readonly root: JsonSchema,
    private readonly seed: Uint8Array,
  ) {}

  build(schema: JsonSchema, depth: number): unknown {
    const resolved = this.resolve(schema);
    if ('const' in resolved) return resolved.const;
    if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[this.pick(resolved.enum.length)];
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = resolved[key];
      if (Array.isArray(options) && options.length > 0) {
        const concrete = (options as JsonSchema[]).find((option) => this.resolve(option).type !== 'null');
        return this.build(concrete ?? (options[0] as JsonSchema), depth + 1);
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
    const low = bound(schema.minimum) ?? bound(schema.exclusiveMinimum) ?? 0;
    const high = bound(schema.maximum) ?? bound(schema.exclusiveMaximum) ?? low + 100;
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
    return (byte + this.next) % count;
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
  return {
    ...into,
    ...part,
    properties: { ...(into.properties ?? {}), ...(part.properties ?? {}) },
  };
}
