// Runs an app's main.ts from its TypeScript sources as a process of its own (the readiness
// contract's real-SIGTERM test): each .ts file is compiled by @swc/core with the options Jest's
// @swc/jest transform uses (jest.config.js), and @app/<lib> resolves to libs/<lib>/src/index.ts.
// Usage: node test/support/run-from-source.cjs apps/<app>/src/main.ts
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..');
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
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

require(resolve(process.argv[2]));
