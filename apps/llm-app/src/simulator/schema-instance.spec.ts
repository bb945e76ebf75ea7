import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type JsonSchema, schemaInstance } from './schema-instance';

const seed = (text: string) => createHash('sha256').update(text).digest();
const validator = (schema: JsonSchema) => z.fromJSONSchema(schema);

describe(schemaInstance.name, () => {
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
          active: { type: 'boolean' },
          nothing: { type: 'null' },
        },
        required: ['name', 'count', 'ratio', 'step', 'active', 'nothing'],
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
          points: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
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
  ];

  it.each(schemas)('builds a value valid against %s', (_name, schema) => {
    const value = schemaInstance(schema, seed('one request'));
    expect(validator(schema).safeParse(value)).toEqual(expect.objectContaining({ success: true }));
  });

  it('builds the same value for the same seed, and another for another seed', () => {
    const [, schema] = schemas[0] ?? ['', {}];
    const first = schemaInstance(schema, seed('same'));
    expect(schemaInstance(schema, seed('same'))).toEqual(first);
    const others = ['a', 'b', 'c', 'd'].map((text) => JSON.stringify(schemaInstance(schema, seed(text))));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('stops at a depth bound on a recursive schema', () => {
    const tree: JsonSchema = {
      $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
      $ref: '#/$defs/node',
    };
    expect(() => JSON.stringify(schemaInstance(tree, seed('deep')))).not.toThrow();
  });
});
