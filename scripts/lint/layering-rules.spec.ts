import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const LAYERING_RULES = new Set(['no-restricted-properties', 'no-restricted-imports', 'import-x/no-cycle']);

/** The repository's eslint.config.mjs, limited to the layering rules (no type information needed). */
function eslint(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => LAYERING_RULES.has(ruleId),
  });
}

async function problemsIn(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint().lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('eslint.config.mjs layering rules', () => {
  describe('process.env', () => {
    it.each(['libs/http/src/fixture.ts', 'apps/sample-app/src/fixture.ts', 'observability/src/fixture.ts'])(
      'refuses process.env in %s, outside the config boundary',
      async (path) => {
        expect(await problemsIn('export const port = process.env.PORT;\n', path)).toEqual([
          expect.stringMatching(/^no-restricted-properties: .*libs\/config\/src\/process-config\.ts is the one reader/),
        ]);
      },
    );

    it('refuses the environment taken by destructuring or imported from node:process', async () => {
      const problems = await problemsIn(
        "import { env } from 'node:process';\nconst { env: copy } = process;\nexport const both = [env, copy];\n",
        'libs/cache/src/fixture.ts',
      );
      expect(problems).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*process-config\.ts is the one reader/),
        expect.stringMatching(/^no-restricted-properties: /),
      ]);
    });

    it('allows it in the config boundary and in tooling that is not app code', async () => {
      for (const path of ['libs/config/src/process-config.ts', 'scripts/fixture.ts', 'k8s/fixture.ts']) {
        expect({ path, problems: await problemsIn('export const port = process.env.PORT;\n', path) }).toEqual({
          path,
          problems: [],
        });
      }
    });
  });

  describe('imports', () => {
    it('refuses a deep import into a lib and a lib importing an app', async () => {
      const problems = await problemsIn(
        "import { Clock } from '@app/lifecycle/src/clock';\nimport { AppModule } from '../../../apps/sample-app/src/app.module';\nexport { Clock, AppModule };\n",
        'libs/http/src/fixture.ts',
      );
      expect(problems).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*through its public face/),
        expect.stringMatching(/^no-restricted-imports: /),
      ]);
    });

    describe('a cycle', () => {
      const dir = join(ROOT, `.lint-fixture-${process.pid}`);
      beforeAll(() => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
        writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      it('fails on an import cycle between two files', async () => {
        const [result] = await eslint().lintFiles([join(dir, 'a.ts')]);
        expect(result?.messages.map((message) => message.ruleId)).toEqual(['import-x/no-cycle']);
      });
    });
  });
});
