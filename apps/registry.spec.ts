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
