import { spawnSync } from 'node:child_process';
import { secretEnvNamesFor } from '@app/config';
import { APPS, envNames, LLM_APP_ENTRY, SAMPLE_APP_ENTRY, secretEnvNames } from './registry';

describe(secretEnvNamesFor.name, () => {
  it("gives an app only the secrets it reads: the gateway key to llm-app's caller, the upstream key to llm-app", () => {
    expect(secretEnvNamesFor(SAMPLE_APP_ENTRY.identity)).toContain('LLM_GATEWAY_API_KEY');
    expect(secretEnvNamesFor(LLM_APP_ENTRY.identity)).not.toContain('LLM_GATEWAY_API_KEY');
    expect(secretEnvNamesFor(SAMPLE_APP_ENTRY.identity)).not.toContain('LLM_UPSTREAM_API_KEY');
    expect(secretEnvNamesFor(LLM_APP_ENTRY.identity)).toContain('LLM_UPSTREAM_API_KEY');
  });
});

describe(secretEnvNames.name, () => {
  it('names only variables some app reads', () => {
    for (const name of secretEnvNames()) expect(envNames()).toContain(name);
  });

  it("is every app's secrets", () => {
    for (const entry of APPS)
      expect(secretEnvNames()).toEqual(expect.arrayContaining(secretEnvNamesFor(entry.identity)));
  });
});

describe(envNames.name, () => {
  it('names each variable once, whichever apps read it', () => {
    expect(new Set(envNames()).size).toBe(envNames().length);
  });
});

describe('APPS nodeOptions', () => {
  it.each(APPS.map((entry) => [entry.identity.name, entry] as const))(
    "%s fixes V8's semi-space size, so its young generation is the one measured wherever it runs (a 512 Mi pod would give it 1 MB)",
    (_name, entry) => {
      expect(entry.nodeOptions).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
    },
  );

  it.each(APPS.map((entry) => [entry.identity.name, entry] as const))(
    '%s gets flags Node accepts in NODE_OPTIONS (a flag it refuses there stops the pod before the app starts)',
    (_name, entry) => {
      const run = spawnSync(process.execPath, ['-e', '0'], {
        env: { PATH: process.env.PATH, NODE_OPTIONS: entry.nodeOptions.join(' ') },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    },
  );
});
