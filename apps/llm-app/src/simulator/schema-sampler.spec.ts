import { createHash } from 'node:crypto';
import Ajv from 'ajv';
import fc from 'fast-check';
import { z } from 'zod';
import { OpenAiError } from '../openai/openai.errors';
import { type JsonSchema, SchemaSampler } from './schema-sampler';

const seed = (text: string) => createHash('sha256').update(text).digest();
/** A second opinion from outside the sampler: zod reads the schema and checks formats too. */
const zodAccepts = (schema: JsonSchema, value: unknown) => z.fromJSONSchema(schema).safeParse(value).success;
/** An ajv of the test's own (the sampler's validators are what is under test). */
const ajv = new Ajv({ strict: false, validateFormats: false });

// Schemas of the subset the sampler supports, random: scalars with bounds, formats, enums and consts,
// nullable type lists, objects (required subsets, closed or not), arrays with bounds, anyOf, oneOf of
// options no value can match twice, allOf of objects with their own properties, local $refs.
const name = fc.constantFrom('city', 'unit', 'days', 'tags', 'note', 'when', 'count', 'kind');
const stringSchema = fc.oneof(
  fc
    .record({
      min: fc.integer({ min: 0, max: 15 }),
      extra: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    })
    .map(({ min, extra }) => ({
      type: 'string',
      minLength: min,
      ...(extra === undefined ? {} : { maxLength: min + extra }),
    })),
  fc.constantFrom('date-time', 'date', 'time', 'email', 'uri', 'uuid').map((format) => ({ type: 'string', format })),
);
const integerSchema = fc
  .record({
    low: fc.integer({ min: -1_000, max: 1_000 }),
    span: fc.integer({ min: 2, max: 500 }),
    lower: fc.constantFrom('minimum', 'exclusiveMinimum', undefined),
    upper: fc.constantFrom('maximum', 'exclusiveMaximum', undefined),
  })
  .map(({ low, span, lower, upper }) => ({
    type: 'integer',
    ...(lower === undefined ? {} : { [lower]: low }),
    ...(upper === undefined ? {} : { [upper]: low + span }),
  }));
const numberSchema = fc
  .record({
    low: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    span: fc.double({ min: 0.001, max: 1e4, noNaN: true }),
    lower: fc.constantFrom('minimum', 'exclusiveMinimum', undefined),
    upper: fc.constantFrom('maximum', 'exclusiveMaximum', undefined),
  })
  .map(({ low, span, lower, upper }) => ({
    type: 'number',
    ...(lower === undefined ? {} : { [lower]: low }),
    ...(upper === undefined ? {} : { [upper]: low + span }),
  }));
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
/** Leaves with a `type`, by kind: options of a oneOf are of distinct kinds, so no value matches two. */
const typedLeaf = {
  string: stringSchema,
  integer: integerSchema,
  boolean: fc.constant({ type: 'boolean' }),
  null: fc.constant({ type: 'null' }),
};
const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
  stringSchema,
  integerSchema,
  numberSchema,
  typedLeaf.boolean,
  typedLeaf.null,
  fc.uniqueArray(scalar, { minLength: 1, maxLength: 4 }).map((values) => ({ enum: values })),
  scalar.map((value) => ({ const: value })),
  stringSchema.map((schema) => ({ ...schema, type: ['string', 'null'] })),
);
const oneOf = fc
  .uniqueArray(fc.constantFrom<keyof typeof typedLeaf>('string', 'integer', 'boolean', 'null'), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((kinds) => fc.tuple(...kinds.map((kind) => typedLeaf[kind])))
  .map((options) => ({ oneOf: options }));

function objectOf(child: fc.Arbitrary<JsonSchema>, closed: fc.Arbitrary<boolean>, prefix = '') {
  return fc
    .record({ properties: fc.dictionary(name, child, { maxKeys: 4 }), closed, requiredSeed: fc.nat() })
    .map(({ properties, closed: isClosed, requiredSeed }) => {
      const names = Object.keys(properties);
      const entries = Object.entries(properties).map(([key, schema]) => [`${prefix}${key}`, schema]);
      return {
        type: 'object',
        properties: Object.fromEntries(entries),
        required: names.filter((_key, index) => (requiredSeed >> index) % 2 === 0).map((key) => `${prefix}${key}`),
        ...(isClosed ? { additionalProperties: false } : {}),
      };
    });
}

function schemaOf(depth: number): fc.Arbitrary<JsonSchema> {
  if (depth === 0) return fc.oneof(leaf, oneOf);
  const child = schemaOf(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: oneOf },
    { weight: 3, arbitrary: objectOf(child, fc.boolean()) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          items: child,
          min: fc.integer({ min: 0, max: 3 }),
          extra: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        })
        .map(({ items, min, extra }) => ({
          type: 'array',
          items,
          minItems: min,
          ...(extra === undefined ? {} : { maxItems: min + extra }),
        })),
    },
    { weight: 1, arbitrary: fc.array(child, { minLength: 1, maxLength: 3 }).map((options) => ({ anyOf: options })) },
    {
      weight: 1,
      // Open parts with their own property names: a closed part could not hold the other's properties.
      arbitrary: fc
        .tuple(objectOf(child, fc.constant(false), 'a_'), objectOf(child, fc.constant(false), 'b_'))
        .map((parts) => ({ allOf: parts })),
    },
  );
}

/** A root object, some of whose properties are local $refs to its $defs. */
const rootSchema = fc
  .record({ body: objectOf(schemaOf(2), fc.boolean()), defs: fc.dictionary(name, schemaOf(1), { maxKeys: 2 }) })
  .map(({ body, defs }) => ({
    ...body,
    $defs: defs,
    properties: {
      ...body.properties,
      ...Object.fromEntries(Object.keys(defs).map((key) => [`ref_${key}`, { $ref: `#/$defs/${key}` }])),
    },
  }));

describe(SchemaSampler.name, () => {
  const sampler = new SchemaSampler();

  describe('sample', () => {
    it('builds, for random schemas of the supported subset and random seeds, a value the schema accepts', () => {
      fc.assert(
        fc.property(
          fc.oneof(rootSchema, schemaOf(3)),
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          (schema, bytes) => {
            const value = sampler.sample(schema, 'param', bytes);
            expect({ value, valid: ajv.validate(schema, value), errors: ajv.errors }).toEqual(
              expect.objectContaining({ valid: true }),
            );
            expect(sampler.sample(schema, 'param', bytes)).toEqual(value);
          },
        ),
        { numRuns: 400 },
      );
    });

    const schemas: [string, JsonSchema][] = [
      [
        'an object with required properties of every scalar type',
        {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 12, maxLength: 40 },
            count: { type: 'integer', minimum: 3, maximum: 7 },
            ratio: { type: 'number', exclusiveMinimum: 0, maximum: 0.5 },
            step: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 3 },
            below: { type: 'integer', maximum: -50 },
            active: { type: 'boolean' },
            nothing: { type: 'null' },
          },
          required: ['name', 'count', 'ratio', 'step', 'below', 'active', 'nothing'],
          additionalProperties: false,
        },
      ],
      [
        'enums, consts and formats',
        {
          type: 'object',
          properties: {
            unit: { type: 'string', enum: ['c', 'f'] },
            kind: { const: 'forecast' },
            when: { type: 'string', format: 'date-time' },
            contact: { type: 'string', format: 'email' },
          },
          required: ['unit', 'kind', 'when', 'contact'],
        },
      ],
      [
        'arrays with bounds, nested objects and nullable types',
        {
          type: 'object',
          properties: {
            tags: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 3 },
            points: {
              type: 'array',
              items: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
            },
            note: { type: ['string', 'null'] },
          },
          required: ['tags', 'points', 'note'],
        },
      ],
      [
        'local $refs and anyOf',
        {
          type: 'object',
          $defs: { city: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
          properties: {
            home: { $ref: '#/$defs/city' },
            either: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 10 }] },
          },
          required: ['home', 'either'],
        },
      ],
      [
        'a oneOf whose first option also matches what the second accepts',
        { oneOf: [{ type: 'number' }, { type: 'integer' }, { type: 'string' }] },
      ],
    ];

    it.each(schemas)('builds a value valid against %s (checked by zod too, formats included)', (_name, schema) => {
      const value = sampler.sample(schema, 'param', seed('one request'));
      expect(ajv.validate(schema, value)).toBe(true);
      expect(zodAccepts(schema, value)).toBe(true);
    });

    it('builds the same value for the same seed, and another for another seed', () => {
      const [, schema] = schemas[0] ?? ['', {}];
      const first = sampler.sample(schema, 'param', seed('same'));
      expect(sampler.sample(schema, 'param', seed('same'))).toEqual(first);
      const others = ['a', 'b', 'c', 'd'].map((text) => JSON.stringify(sampler.sample(schema, 'param', seed(text))));
      expect(new Set(others).size).toBeGreaterThan(1);
    });

    it('stops at a depth bound on a recursive schema', () => {
      const tree: JsonSchema = {
        $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
        $ref: '#/$defs/node',
      };
      expect(() => JSON.stringify(sampler.sample(tree, 'param', seed('deep')))).not.toThrow();
    });

    it('checks a 2020-12 schema in its own dialect', () => {
      const schema = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { zone: { type: 'string' } },
        required: ['zone'],
        additionalProperties: false,
      };
      expect(sampler.sample(schema, 'param', seed('x'))).toEqual({ zone: expect.any(String) });
    });

    it('refuses a schema no value satisfies with a 400 naming the field', () => {
      const impossible = { type: 'string', minLength: 5, maxLength: 2 };
      expect(() => sampler.sample(impossible, 'tools.t.function.parameters', seed('x'))).toThrow(
        expect.objectContaining({ status: 400, param: 'tools.t.function.parameters' }),
      );
    });

    it('refuses a schema that is not one with a 400 naming the field', () => {
      const error = (() => {
        try {
          sampler.sample({ type: 'object', properties: 'nope' }, 'text.format.schema', seed('x'));
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(OpenAiError);
      expect(error).toMatchObject({ status: 400, param: 'text.format.schema' });
    });
  });
});
