import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from '@app/config';
import { APPS, envNames } from './registry';

const EXAMPLE = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
/** Read by scripts/start.mjs, not by the apps (docs/configuration.md#npm-start). */
const LAUNCHER_NAMES = ['SAMPLE_APP_PORT', 'LLM_APP_PORT'];

/** Every assignment of the file, the commented-out examples included. */
const everyLine = parseEnv(EXAMPLE.replace(/^# ?([A-Z][A-Z0-9_]*=)/gm, '$1'));

describe('.env.example', () => {
  it('names only variables the apps or npm start read', () => {
    const unknown = Object.keys(everyLine).filter(
      (name) => !envNames().includes(name) && !LAUNCHER_NAMES.includes(name),
    );
    expect(unknown).toEqual([]);
  });

  it('sets no PORT, which would give both apps one port', () => {
    expect(Object.keys(everyLine)).not.toContain('PORT');
  });

  it.each(APPS.map((entry) => entry.identity))(
    'is a valid configuration for $name as written and with every example uncommented',
    (app) => {
      expect(() => loadConfig(parseEnv(EXAMPLE), app)).not.toThrow();
      expect(() => loadConfig(everyLine, app)).not.toThrow();
    },
  );
});
