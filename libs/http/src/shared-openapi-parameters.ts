import type { OpenAPIObject } from '@nestjs/swagger';

interface HeaderParameter {
  readonly in: string;
  readonly name: string;
}

/**
 * A header parameter that several operations declare (Idempotency-Key on every create) becomes one
 * entry of `components.parameters`, referenced with `$ref`, so clients and generators see one
 * definition instead of copies. Returns the document it changed.
 */
export function shareHeaderParameters(document: OpenAPIObject): OpenAPIObject {
  const uses = new Map<string, number>();
  const operations = Object.values(document.paths).flatMap((item) =>
    Object.values(item as Record<string, { parameters?: unknown[] }>).filter(
      (operation) => typeof operation === 'object' && operation !== null && Array.isArray(operation.parameters),
    ),
  );
  const isHeader = (parameter: unknown): parameter is HeaderParameter =>
    typeof parameter === 'object' && parameter !== null && (parameter as HeaderParameter).in === 'header';
  for (const operation of operations) {
    for (const parameter of operation.parameters ?? []) {
      if (isHeader(parameter)) uses.set(parameter.name, (uses.get(parameter.name) ?? 0) + 1);
    }
  }
  const shared = [...uses].filter(([, count]) => count > 1).map(([name]) => name);
  if (shared.length === 0) return document;
  const components = (document.components ??= {});
  const parameters = (components.parameters ??= {}) as Record<string, unknown>;
  for (const operation of operations) {
    operation.parameters = (operation.parameters ?? []).map((parameter) => {
      if (!isHeader(parameter) || !shared.includes(parameter.name)) return parameter;
      const id = parameter.name.replace(/[^A-Za-z0-9]/g, '');
      parameters[id] ??= parameter;
      return { $ref: `#/components/parameters/${id}` };
    });
  }
  return document;
}
