import {
  type AccessRule,
  CALLERS,
  type Caller,
  LLM_APP_ACCESS,
  SAMPLE_APP_ACCESS,
  expectedAccess,
} from './support/access-table';
import { recordFigures } from './support/figures';
import { type HostileTargets, startHostileTargets } from './support/hostile-targets';
import { type ApiOperation, operationsOf } from './support/openapi-cases';
import { createApiKey, createItem, openApiDocument, signIn } from './support/resilience-accounts';

interface Cell {
  readonly route: string;
  readonly caller: Caller;
  readonly expected: 'allowed' | 401 | 403;
  readonly status: number;
}

/**
 * Every route of each app's OpenAPI document, called without credentials, with a narrowly
 * scoped API key, with another user's token, with the owner's token and with an admin
 * token, against the one declared table of test/resilience/support/access-table.ts.
 */
describe('the access table of both apps', () => {
  let targets: HostileTargets;
  const cells: Cell[] = [];

  beforeAll(async () => {
    targets = await startHostileTargets('access');
  }, 120_000);

  afterAll(async () => {
    await targets?.stop();
    const wrong = cells.filter((cell) => !matches(cell));
    recordFigures('access-table', [
      {
        scenario: 'every documented route x 5 callers',
        accessCells: cells.length,
        note: `${wrong.length} cells wrong`,
      },
    ]);
  });

  const matches = (cell: Cell) =>
    cell.expected === 'allowed'
      ? cell.status !== 401 && cell.status !== 403 && (cell.status < 500 || cell.status === 503)
      : cell.status === cell.expected;

  async function check(
    base: string,
    table: Readonly<Record<string, AccessRule>>,
    credentials: Readonly<Record<Caller, Record<string, string>>>,
    keyScopes: readonly string[],
    pathValue: (operation: ApiOperation, name: string) => string,
  ): Promise<Cell[]> {
    const operations = operationsOf((await openApiDocument(base)) as Parameters<typeof operationsOf>[0]);
    const routes = operations.map((operation) => `${operation.method} ${operation.template}`);
    expect({ undeclared: routes.filter((route) => !(route in table)) }).toEqual({ undeclared: [] });
    expect({ stale: Object.keys(table).filter((route) => !routes.includes(route)) }).toEqual({ stale: [] });
    const checked: Cell[] = [];
    for (const operation of operations) {
      const route = `${operation.method} ${operation.template}`;
      const path = operation.template.replace(/\{([^}]+)\}/g, (_match, name: string) => pathValue(operation, name));
      for (const caller of CALLERS) {
        const withBody = ['POST', 'PUT', 'PATCH'].includes(operation.method);
        const response = await fetch(`${base}${path}`, {
          method: operation.method,
          headers: { ...credentials[caller], ...(withBody ? { 'content-type': 'application/json' } : {}) },
          body: withBody ? '{}' : undefined,
        });
        await response.arrayBuffer();
        checked.push({
          route,
          caller,
          expected: expectedAccess(table[route] as AccessRule, caller, keyScopes),
          status: response.status,
        });
      }
    }
    cells.push(...checked);
    return checked;
  }

  const wrongCells = (checked: readonly Cell[]) =>
    checked
      .filter((cell) => !matches(cell))
      .map((cell) => `${cell.route} as ${cell.caller}: expected ${cell.expected}, got ${cell.status}`);

  it('sample-app: every route answers each caller as its declared rule says', async () => {
    const base = targets.sampleApp;
    const owner = await signIn(base, 'access-owner');
    const other = await signIn(base, 'access-other');
    const admin = await signIn(base, 'access-admin', targets.admin);
    const itemId = await createItem(base, owner, 'owned telescope');
    const narrow = await createApiKey(base, owner, ['items:read']);
    const revocable = await createApiKey(base, owner, ['cache:read']);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const checked = await check(
      base,
      SAMPLE_APP_ACCESS,
      {
        anonymous: {},
        'narrow key': { 'x-api-key': narrow.key },
        'other user': bearer(other.accessToken),
        owner: bearer(owner.accessToken),
        admin: bearer(admin.accessToken),
      },
      ['items:read'],
      (operation, name) => {
        if (name === 'key') return 'access-table';
        if (operation.template.includes('api-keys')) return revocable.id;
        if (operation.template.includes('admin/users')) return other.userId;
        return itemId;
      },
    );
    expect(wrongCells(checked)).toEqual([]);
    expect(checked.length).toBe(Object.keys(SAMPLE_APP_ACCESS).length * CALLERS.length);
  }, 120_000);

  it('llm-app: every route answers each caller as its declared rule says', async () => {
    const owner = await signIn(targets.sampleApp, 'access-llm-owner');
    const other = await signIn(targets.sampleApp, 'access-llm-other');
    const admin = await signIn(targets.sampleApp, 'access-llm-admin', targets.admin);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const checked = await check(
      targets.llmApp,
      LLM_APP_ACCESS,
      {
        anonymous: {},
        'narrow key': bearer(targets.llmApiKey),
        'other user': bearer(other.accessToken),
        owner: bearer(owner.accessToken),
        admin: bearer(admin.accessToken),
      },
      ['llm:invoke'],
      () => '0af7651916cd43dd8448eb211c80319c',
    );
    expect(wrongCells(checked)).toEqual([]);
    expect(checked.length).toBe(Object.keys(LLM_APP_ACCESS).length * CALLERS.length);
  }, 120_000);
});
