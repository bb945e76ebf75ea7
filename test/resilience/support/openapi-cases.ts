import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the generators read. */
interface JsonSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly example?: unknown;
  readonly $ref?: string;
}

interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

interface OpenApiOperation {
  readonly parameters?: readonly { name: string; in: string; schema?: JsonSchema }[];
  readonly requestBody?: { content?: Readonly<Record<string, { schema?: JsonSchema }>> };
}

/** One operation of a document, with its schemas resolved. */
export interface ApiOperation {
  readonly method: string;
  /** The OpenAPI path template, `/api/v1/items/{id}`. */
  readonly template: string;
  readonly pathParams: readonly string[];
  readonly query: readonly { readonly name: string; readonly schema: JsonSchema }[];
  readonly body?: JsonSchema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): ApiOperation[] {
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    if (schema?.$ref === undefined) return schema;
    return document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
  };
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (operation.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
        body: resolve(operation.requestBody?.content?.['application/json']?.schema),
      })),
  );
}

/** A request as it goes on the wire, with what it carries that an answer may echo back. */
export interface HostileRequest {
  /** What the case does, for the report: "body: NUL in name". */
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Strings the request sent, removed from an answer before it is searched for leaks. */
  readonly echoes: readonly string[];
}

export interface CaseContext {
  /** Path parameter values that exist (an item id), tried besides hostile ones. */
  readonly pathValues: Readonly<Record<string, readonly string[]>>;
  /** Credential headers to send: the first is the usual one, used most. */
  readonly credentials: readonly Readonly<Record<string, string>>[];
  /** The body limit of the app, so that oversized bodies are just over it. */
  readonly bodyLimitBytes: number;
}

/** A JSON value kept as text, so cases can hold what JSON.stringify cannot write (duplicate keys, `__proto__`). */
type JsonText = string;

const text = (value: unknown): JsonText => JSON.stringify(value);
const objectText = (entries: readonly (readonly [string, JsonText])[]): JsonText =>
  `{${entries.map(([key, value]) => `${text(key)}:${value}`).join(',')}}`;

function validValue(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.example !== undefined && schema.properties === undefined && schema.type === 'object') {
    return fc.constant(schema.example);
  }
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'date-time') {
        return fc
          .date({ min: new Date('2030-01-01'), max: new Date('2099-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      }
      if (name.toLowerCase().includes('email')) return fc.emailAddress();
      const minLength = schema.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
    }
    case 'number':
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.uniqueArray(validValue(schema.items ?? {}), { minLength: 1, maxLength: 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, validValue(child, key)])),
        { requiredKeys: required.filter((key) => key in properties) },
      );
    }
    default:
      return schema.example !== undefined ? fc.constant(schema.example) : fc.jsonValue({ maxDepth: 2 });
  }
}

const nested = (depth: number): JsonText => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Values no field should accept, as JSON text, each with a label. */
const hostileValue: fc.Arbitrary<readonly [string, JsonText]> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => ['wrong type', text(value)] as const),
  fc
    .constantFrom('-1', '0', '-0', '1e308', '-1e308', '1e-320', '9007199254740993', '2147483648', '0.5', '1e400')
    .map((value) => ['boundary number', value] as const),
  fc
    .constantFrom('"NaN"', '"Infinity"', '"1e309"', '"-1"', '"0x10"', '""', '" "')
    .map((value) => ['number as string', value] as const),
  fc.integer({ min: 4_000, max: 70_000 }).map((length) => ['huge string', text('é'.repeat(length))] as const),
  fc.string({ maxLength: 20 }).map((value) => ['NUL', text(`${value}\u0000${value}`)] as const),
  fc
    .constantFrom('"\\ud800"', '"a\\udc00b"', '"\\udbff\\udbff"', '"x\\ud83d"')
    .map((value) => ['lone surrogate', value] as const),
  fc.integer({ min: 65, max: 5_000 }).map((depth) => ['deep nesting', nested(depth)] as const),
  fc
    .constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}')
    .map((value) => ['prototype pollution', value] as const),
  fc
    .constantFrom(
      '"<script>alert(1)</script>"',
      '"\' OR 1=1 --"',
      '"${jndi:ldap://x}"',
      '"{{7*7}}"',
      '"../../etc/passwd"',
    )
    .map((value) => ['injection text', value] as const),
);

const TRAVERSAL = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..',
  '%00',
  '%ff%fe',
  '%E0%A4%A',
  '%252e%252e%252f',
  '....%2F%2F',
  'C%3A%5CWindows',
  "'%20OR%201%3D1%20--",
  'a'.repeat(300),
  '%ED%A0%80',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF',
  '__proto__',
];

/** Percent-encodes what Node refuses to put in a request line, leaving `%` escapes as given. */
const wireSafe = (value: string): string =>
  [...value].map((char) => (/^[\u0021-\u007e]$/.test(char) ? char : encodeURIComponent(char))).join('');

function pathOf(operation: ApiOperation, values: Readonly<Record<string, string>>): string {
  return operation.template.replace(/\{([^}]+)\}/g, (_match, name: string) => values[name] ?? 'x');
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
];

/** Bodies for an operation: valid ones and every hostile shape, as bytes. */
function bodies(operation: ApiOperation, bodyLimitBytes: number): fc.Arbitrary<readonly [string, Buffer]> {
  const schema = operation.body ?? { type: 'object', properties: {} };
  const valid = validValue(schema).map((value) => (typeof value === 'object' && value !== null ? value : {}));
  const asEntries = (value: object) => Object.entries(value).map(([key, child]) => [key, text(child)] as const);
  const propertyNames = Object.keys(schema.properties ?? {});
  const buffer = (value: string) => Buffer.from(value, 'utf8');
  return fc.oneof(
    { weight: 30, arbitrary: valid.map((value) => ['valid body', buffer(text(value))] as const) },
    {
      weight: 60,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...(propertyNames.length > 0 ? propertyNames : ['x'])), hostileValue)
        .map(([value, property, [label, raw]]) => {
          const entries = asEntries(value).filter(([key]) => key !== property);
          return [`${label} in ${property}`, buffer(objectText([...entries, [property, raw]]))] as const;
        }),
    },
    {
      weight: 20,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', '\u0000', '$where'))
        .map(
          ([value, key]) =>
            ['hostile key', buffer(objectText([...asEntries(value), [key, '{"polluted":true}']]))] as const,
        ),
    },
    {
      weight: 10,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...(propertyNames.length > 0 ? propertyNames : ['x'])))
        .map(
          ([value, key]) =>
            ['duplicate keys', buffer(objectText([...asEntries(value), [key, '123'], [key, '"b"']]))] as const,
        ),
    },
    {
      weight: 10,
      arbitrary: fc
        .constantFrom('[]', '"text"', '123', 'null', 'true', '', '{', '{"a":1}garbage', '{"a":}', '\ufeff{}', '[{}]')
        .map((raw) => ['not an object', buffer(raw)] as const),
    },
    {
      weight: 10,
      arbitrary: fc.integer({ min: 65, max: 20_000 }).map((depth) => ['deep body', buffer(nested(depth))] as const),
    },
    {
      weight: 10,
      arbitrary: fc
        .constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82])
        .map((bytes) => {
          const name = propertyNames[0] ?? 'x';
          const [head, tail] = [`{"${name}":"ab`, 'cd"}'];
          return ['invalid UTF-8', Buffer.concat([buffer(head), Buffer.from(bytes), buffer(tail)])] as const;
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constant([
        'oversized body',
        buffer(objectText([[propertyNames[0] ?? 'x', text('x'.repeat(bodyLimitBytes + 1))]])),
      ] as const),
    },
  );
}

/**
 * Hostile requests for every operation of a document: wrong types, boundary numbers,
 * huge strings, deep nesting, prototype-pollution keys, invalid UTF-8, NUL, lone
 * surrogates, duplicate keys, wrong content types, oversized bodies, traversal and
 * junk in path parameters and query strings, with and without credentials.
 */
export function hostileRequests(
  operations: readonly ApiOperation[],
  context: CaseContext,
): fc.Arbitrary<HostileRequest> {
  const [usual, ...others] = context.credentials;
  const credentials = fc.oneof(
    { weight: 6, arbitrary: fc.constant(usual ?? {}) },
    { weight: 3, arbitrary: others.length > 0 ? fc.constantFrom(...others) : fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'Bearer ',
          'Bearer a.b.c',
          'Basic YTpi',
          'Bearer nko_000000000000_x',
          'Bearer \u0000',
          'x'.repeat(9000),
        )
        .map((value) => ({ authorization: wireSafe(value) })),
    },
  );
  return fc.constantFrom(...operations).chain((operation) => {
    const pathValue = (name: string) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...(context.pathValues[name] ?? ['x'])) },
        { weight: 2, arbitrary: fc.constantFrom(...TRAVERSAL) },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((value) => encodeURIComponent(value)) },
      );
    const pathValues = fc.record(Object.fromEntries(operation.pathParams.map((name) => [name, pathValue(name)])));
    const queryValue = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('-1', '0', '1e309', 'NaN', '%00', '[]', '{}', 'a'.repeat(5_000), '\u0000', '\ud800'),
    );
    const query = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...(operation.query.length > 0 ? operation.query.map((q) => q.name) : ['q'])),
          fc.constantFrom('__proto__[admin]', 'constructor[prototype][admin]', 'limit', 'cursor'),
        ),
        queryValue,
      ),
      { maxLength: 3 },
    );
    const withBody = operation.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(operation.method);
    const body = withBody ? bodies(operation, context.bodyLimitBytes) : fc.constant(undefined);
    const contentType = fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const method = fc.oneof(
      { weight: 20, arbitrary: fc.constant(operation.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
    );
    return fc
      .tuple(pathValues, query, body, contentType, credentials, method)
      .map(([values, queryPairs, bodyCase, type, credential, verb]): HostileRequest => {
        const search = queryPairs.map(([key, value]) => `${wireSafe(key)}=${encodeURIComponent(value.toWellFormed())}`);
        const rawQuery = queryPairs.length > 0 ? `?${search.join('&')}` : '';
        const headers: Record<string, string> = { ...credential };
        if (bodyCase !== undefined && type !== undefined) headers['content-type'] = type;
        return {
          kind: bodyCase !== undefined ? `body: ${bodyCase[0]}` : rawQuery !== '' ? 'query' : 'path',
          method: verb,
          path: `${pathOf(operation, values)}${rawQuery}`,
          headers,
          body: bodyCase?.[1],
          echoes: [
            ...Object.values(values).flatMap((value) => [value, safeDecode(value)]),
            ...queryPairs.flat(),
            ...(bodyCase !== undefined ? stringsIn(bodyCase[1]) : []),
          ].filter((value) => value.length >= 3),
        };
      });
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The keys and string values of a body (when it parses), which an answer may quote. */
function stringsIn(body: Buffer): string[] {
  const found: string[] = [];
  try {
    JSON.parse(body.toString('utf8'), (key, value: unknown) => {
      found.push(key);
      if (typeof value === 'string') found.push(value);
      return value;
    });
  } catch {
    // Not JSON: the app cannot quote what it could not parse.
  }
  return found;
}
