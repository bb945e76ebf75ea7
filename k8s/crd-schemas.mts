// Objects of custom resources whose CRD ships in the same output (a controller chart's own CRDs,
// such as NGINX Gateway Fabric's NginxProxy) are checked against that CRD's openAPIV3Schema, the
// way the API server would: the schema itself, then fields the structural schema does not know.
import { Ajv, type ValidateFunction } from 'ajv';

interface Manifest {
  apiVersion: string;
  kind: string;
  [key: string]: unknown;
}

/** The part of a structural schema the unknown-field walk reads. */
interface StructuralSchema {
  type?: string;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: boolean | StructuralSchema;
  items?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

interface CrdVersion {
  name: string;
  schema?: { openAPIV3Schema?: StructuralSchema };
}

interface Crd {
  kind: 'CustomResourceDefinition';
  spec: { group: string; names: { kind: string }; versions: CrdVersion[] };
}

/** Keys every object has whatever its schema says (the API server owns metadata's shape). */
const OBJECT_KEYS = new Set(['apiVersion', 'kind', 'metadata']);

function unknownFields(value: unknown, schema: StructuralSchema | undefined, path: string): string[] {
  if (!schema || value === null || typeof value !== 'object') return [];
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => unknownFields(item, schema.items, `${path}[${index}]`));
  const additional = schema.additionalProperties;
  if (!schema.properties) {
    return typeof additional === 'object'
      ? Object.entries(value).flatMap(([key, item]) => unknownFields(item, additional, `${path}.${key}`))
      : [];
  }
  return Object.entries(value).flatMap(([key, item]) => {
    if (path === '' && OBJECT_KEYS.has(key)) return [];
    const property = schema.properties?.[key];
    if (property) return unknownFields(item, property, `${path}.${key}`);
    return additional === true || typeof additional === 'object' ? [] : [`${path}.${key}: unknown field`];
  });
}

/** The schema without `pattern`s: CRDs write them in RE2 (Go) syntax, which JavaScript may refuse. */
function withoutPatterns(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutPatterns);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'pattern' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutPatterns(value)]),
  );
}

export class CrdSchemas {
  private readonly schemas = new Map<string, StructuralSchema>();
  private readonly compiled = new Map<string, ValidateFunction>();
  // Kubernetes' own vocabulary (x-kubernetes-*, int-or-string) is not JSON Schema: allowed, not enforced.
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  constructor(documents: readonly Manifest[]) {
    for (const document of documents) {
      if (document.kind !== 'CustomResourceDefinition') continue;
      const crd = document as unknown as Crd;
      for (const version of crd.spec.versions) {
        const schema = version.schema?.openAPIV3Schema;
        if (!schema) continue;
        const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
        this.schemas.set(key, schema);
      }
    }
  }

  /** Problems of an object whose CRD is known; `undefined` when no CRD in the output defines it. */
  problemsOf(manifest: Manifest): string[] | undefined {
    const key = `${manifest.apiVersion} ${manifest.kind}`;
    const schema = this.schemas.get(key);
    if (!schema) return undefined;
    const validate = this.validatorOf(key, schema);
    const schemaProblems = validate(manifest)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
    return [...schemaProblems, ...unknownFields(manifest, schema, '').map((problem) => problem.slice(1))];
  }

  /** Compiled on first use: an output carries dozens of CRDs and uses a few. */
  private validatorOf(key: string, schema: StructuralSchema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch {
        validate = this.ajv.compile(withoutPatterns(schema) as StructuralSchema);
      }
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
