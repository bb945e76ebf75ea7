// `npm run docs:config`: writes the variable table generated from libs/config into the docs
// that show it (libs/config/src/env-docs.spec.ts fails when they differ).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withEnvTable } from '@app/config';

export const DOCS_WITH_ENV_TABLE = ['docs/configuration.md', 'docs/QUICKREF.md'];

for (const doc of DOCS_WITH_ENV_TABLE) {
  const path = join(__dirname, '..', '..', doc);
  writeFileSync(path, withEnvTable(readFileSync(path, 'utf8')));
  console.log(`wrote the variable table into ${doc}`);
}
