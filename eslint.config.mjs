// @ts-check
import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The libs are the folders under libs/: the one list, which tsconfig.json and jest.config.js match by wildcard. */
const LIBS = readdirSync(new URL('libs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** A lib's public face is its src/index.ts, reached only as @app/<lib>. */
const noDeepLibImports = [
  {
    group: ['@app/*/*', '@app/*/**'],
    message: 'Import a lib through its public face: @app/<lib>, not a file inside it.',
  },
  {
    regex: `^(\\.\\./)+(libs/)?(${LIBS.join('|')})/src(/|$)`,
    message: 'Import another lib through @app/<lib>, not by a relative path into its src/.',
  },
  { group: ['**/libs/*/src', '**/libs/*/src/**'], message: 'Import a lib through @app/<lib>.' },
];

/** process.env by another name: the environment is read at the config boundary only (see no-restricted-properties). */
const noProcessEnvImport = ['process', 'node:process'].map((name) => ({
  name,
  importNames: ['env'],
  message: 'Read configuration through AppConfig (@app/config); libs/config/src/process-config.ts is the one reader.',
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'charts-out/**',
      'coverage/**',
      'node_modules/**',
      'data/**',
      '.cache/**',
      'k8s/imports/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js', '.mjs'],
    },
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'bench/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-imports': ['error', { paths: noProcessEnvImport, patterns: noDeepLibImports }],
      // A cycle (a imports b imports a) makes load order decide what is undefined at start-up.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read configuration through AppConfig (@app/config); libs/config/src/process-config.ts is the one reader.',
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noProcessEnvImport,
          patterns: [
            ...noDeepLibImports,
            { group: ['**/apps/**', 'apps/**'], message: 'A lib must not depend on an app.' },
          ],
        },
      ],
    },
  },
  {
    // The places allowed to read the environment: in app code only the config boundary (processConfig,
    // which the tracing bootstrap, runHttpApp and the command-line entry points call). Outside app code:
    // test harnesses and specs (they build environments for the apps they start), build, docs and
    // benchmark scripts, and the cdk8s program (k8s/: synth options, not an app's configuration).
    files: [
      'libs/config/src/process-config.ts',
      'test/**/*.ts',
      'test/**/*.mjs',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.integration-spec.ts',
      '**/*.obs-spec.ts',
      '**/*.resilience-spec.ts',
      'scripts/**',
      'bench/**',
      'k8s/**',
      '*.js',
      '*.mjs',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.integration-spec.ts',
      '**/*.obs-spec.ts',
      '**/*.resilience-spec.ts',
      'test/**/*.ts',
      'k8s/test/**/*.ts',
      'test/**/*.mjs',
    ],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', '**.expect', 'fc.assert'] }],
      'jest/no-standalone-expect': 'off',
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Shared harnesses and contracts that spec files import.
    files: ['test/support/**/*.ts'],
    rules: { 'jest/no-export': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
