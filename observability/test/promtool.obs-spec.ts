import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ruleFiles } from '../src/alerts/catalog';
import { GENERATED_DIRECTORY } from '../src/generated-files';

const ROOT = resolve(__dirname, '..', '..');
const RULE_TESTS = join(ROOT, 'observability', 'rules-tests');

function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd: RULE_TESTS, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('promtool', () => {
  describe('check rules', () => {
    it.each(ruleFiles().map((file) => file.name))('accepts %s.rules.yaml', (name) => {
      const result = promtool('check', 'rules', join(ROOT, GENERATED_DIRECTORY, 'rules', `${name}.rules.yaml`));
      expect(result.output).toContain('SUCCESS');
      expect(result.status).toBe(0);
    });
  });

  describe('test rules', () => {
    it.each(readdirSync(RULE_TESTS).filter((file) => file.endsWith('.test.yaml')))(
      '%s: every alert fires on its series and stays quiet on healthy ones',
      (file) => {
        const result = promtool('test', 'rules', file);
        expect(result.output).toContain('SUCCESS');
        expect(result.status).toBe(0);
      },
      60_000,
    );
  });
});
