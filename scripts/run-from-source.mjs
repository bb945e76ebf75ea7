// Runs an app's main.ts from its TypeScript sources as a process of its own (the readiness
// contract's real-SIGTERM test, with no build): each .ts file is compiled by @swc/core with the
// options Jest's @swc/jest transform uses (jest.config.js), and @app/<lib> resolves to
// libs/<lib>/src/index.ts. Usage: node scripts/run-from-source.mjs apps/<app>/src/main.ts
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@app\/([a-z]+)$/.exec(request);
  return resolveFilename.call(this, lib ? join(root, 'libs', lib[1], 'src', 'index.ts') : request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

createRequire(import.meta.url)(resolve(process.argv[2] ?? ''));
