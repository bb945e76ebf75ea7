import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const quickref = readFileSync(join(ROOT, 'docs', 'QUICKREF.md'), 'utf8');
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts,
);

/** How a reader types a script: npm's shorthands for start and test, `npm run` otherwise; pre-scripts run by themselves. */
const typed = (script: string): string | undefined =>
  script.startsWith('pre')
    ? undefined
    : script === 'start' || script === 'test'
      ? `npm ${script}`
      : `npm run ${script}`;

describe('docs/QUICKREF.md', () => {
  it.each(scripts.filter((script) => typed(script) !== undefined))('lists npm script %s', (script) => {
    expect(quickref).toContain(`\`${typed(script) ?? ''}`);
  });
});
