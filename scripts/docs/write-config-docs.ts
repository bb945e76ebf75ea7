// `npm run docs:config`: writes the variable table generated from libs/config's shared groups and each
// registry app's own variables into the docs that show it (scripts/docs/config-docs.spec.ts fails when they differ).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_WITH_ENV_TABLE, withConfigTable } from './config-docs';

for (const doc of DOCS_WITH_ENV_TABLE) {
  const path = join(__dirname, '..', '..', doc);
  writeFileSync(path, withConfigTable(readFileSync(path, 'utf8')));
  console.log(`wrote the variable table into ${doc}`);
}
