import type { OpenAPIObject } from '@nestjs/swagger';
import { shareHeaderParameters } from './shared-openapi-parameters';

const header = { name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string' as const } };
const query = { name: 'limit', in: 'query' as const, schema: { type: 'integer' as const } };

function document(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths };
}

describe(shareHeaderParameters.name, () => {
  it('turns a header declared by several operations into one component referenced by each', () => {
    const shared = shareHeaderParameters(
      document({
        '/a': { post: { parameters: [header], responses: {} } },
        '/b': { post: { parameters: [header, query], responses: {} } },
      }),
    );
    expect(shared.components?.parameters).toEqual({ IdempotencyKey: header });
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(shared.paths['/a']?.post?.parameters).toEqual([ref]);
    expect(shared.paths['/b']?.post?.parameters).toEqual([ref, query]);
  });

  it('leaves a header used by one operation inline, and adds no components', () => {
    const shared = shareHeaderParameters(document({ '/a': { post: { parameters: [header], responses: {} } } }));
    expect(shared.paths['/a']?.post?.parameters).toEqual([header]);
    expect(shared.components).toBeUndefined();
  });
});
