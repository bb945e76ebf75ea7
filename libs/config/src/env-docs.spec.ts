import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_NAMES } from './app-config.schema';
import { ENV_DOCS, envTableMarkdown, envTableOf, schemaDefaults, tableCells } from './env-docs';

const ROOT = join(__dirname, '..', '..', '..');
const DOCS_WITH_ENV_TABLE = ['docs/configuration.md', 'docs/QUICKREF.md'];

describe('ENV_DOCS', () => {
  it('documents exactly the variables the schema reads', () => {
    expect(Object.keys(ENV_DOCS).sort()).toEqual([...ENV_NAMES].sort());
  });

  it.each(ENV_NAMES.filter((name) => ['string', 'number', 'boolean'].includes(typeof schemaDefaults()[name])))(
    '%s shows the default the schema applies',
    (name) => {
      const value = String(schemaDefaults()[name]);
      expect({ name, default: ENV_DOCS[name].default }).toEqual({ name, default: expect.stringContaining(value) });
    },
  );
});

describe(envTableMarkdown.name, () => {
  it('has one row per variable, in the order the schema declares them', () => {
    const names = [...envTableMarkdown().matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(names).toEqual([...ENV_NAMES]);
  });

  it.each(DOCS_WITH_ENV_TABLE)('%s carries the table generated from the schema (npm run docs:config)', (doc) => {
    const table = envTableOf(readFileSync(join(ROOT, doc), 'utf8'));
    expect(tableCells(table ?? '')).toEqual(tableCells(envTableMarkdown()));
  });
});
