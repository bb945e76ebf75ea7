import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { LRUCache } from 'lru-cache';
import { sample } from 'openapi-sampler';
import { invalidRequest } from '../../openai/openai.errors';

type JsonSchema = Record<string, unknown>;

/**
 * Values that validate against a JSON schema, for the simulator's tool-call
 * arguments and structured outputs: openapi-sampler builds a deterministic
 * sample (same schema, same value) and ajv checks it, so what the simulator
 * answers is valid or the request is refused with a 400 naming the field.
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
  sample(schema: unknown, param: string): unknown {
    const root = (typeof schema === 'object' && schema !== null ? schema : {}) as JsonSchema;
    const validate = this.validator(root, param);
    for (const skipNonRequired of [false, true]) {
      const value = safeSample(root, skipNonRequired);
      if (value !== undefined && validate(value)) return value;
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

const AJV_OPTIONS = { strict: false, allErrors: false, validateFormats: false } as const;

function safeSample(schema: JsonSchema, skipNonRequired: boolean): unknown {
  try {
    // The schema is its own spec, so "#/$defs/…" and "#/definitions/…" references resolve.
    return sample(schema, { skipNonRequired, skipReadOnly: true }, schema);
  } catch {
    return undefined;
  }
}
