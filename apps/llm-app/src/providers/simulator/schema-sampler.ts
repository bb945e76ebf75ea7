import Ajv, { type ValidateFunction } from 'ajv';
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
  private readonly ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
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

  private validator(schema: JsonSchema, param: string): ValidateFunction {
    const key = JSON.stringify(schema);
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } catch (error) {
      throw invalidRequest(`${param}: not a valid JSON schema (${(error as Error).message}).`, param);
    } finally {
      // ajv keeps every compiled schema by identity; the LRU above is the only cache.
      this.ajv.removeSchema(schema);
    }
    this.validators.set(key, validate);
    return validate;
  }
}

function safeSample(schema: JsonSchema, skipNonRequired: boolean): unknown {
  try {
    // The schema is its own spec, so "#/$defs/…" and "#/definitions/…" references resolve.
    return sample(schema, { skipNonRequired, skipReadOnly: true }, schema);
  } catch {
    return undefined;
  }
}
