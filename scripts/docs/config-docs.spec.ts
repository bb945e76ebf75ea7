import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envNamesFor, envTableMarkdown, envTableOf, schemaDefaults, tableCells } from '@app/config';
import { APPS } from '../../apps/registry';
import { DOCS_WITH_ENV_TABLE, DOCUMENTED_APPS } from './config-docs';

const ROOT = join(__dirname, '..', '..');

describe.each(APPS.map((entry) => [entry.identity.name, entry.identity] as const))(
  "%s's own variables",
  (_name, app) => {
    const docs = app.env?.docs ?? {};
    const names = app.env?.names ?? [];

    it('are documented, exactly', () => {
      expect(Object.keys(docs).sort()).toEqual([...names].sort());
    });

    it.each(names.filter((name) => ['string', 'number', 'boolean'].includes(typeof schemaDefaults(app)[name])))(
      '%s shows the default the schema applies',
      (name) => {
        const value = String(schemaDefaults(app)[name]);
        expect({ name, default: docs[name]?.default }).toEqual({ name, default: expect.stringContaining(value) });
      },
    );
  },
);

describe('the generated variable table', () => {
  it('shows every variable a registry app reads, the shared groups first, then each app in registry order', () => {
    const names = [...envTableMarkdown(DOCUMENTED_APPS).matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(names).toEqual([...new Set(APPS.flatMap((entry) => envNamesFor(entry.identity)))]);
  });

  it.each(DOCS_WITH_ENV_TABLE)('%s carries the table generated from the schemas (npm run docs:config)', (doc) => {
    const table = envTableOf(readFileSync(join(ROOT, doc), 'utf8'));
    expect(tableCells(table ?? '')).toEqual(tableCells(envTableMarkdown(DOCUMENTED_APPS)));
  });
});
