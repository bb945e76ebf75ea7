import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_LLM_API_KEY } from './app-secrets';
import { localCredential } from './local-credentials';

const ROOT = join(__dirname, '..', '..');

describe('LOCAL_LLM_API_KEY', () => {
  it('is the local credential derived for llm-app, so synth always writes the same one', () => {
    expect(LOCAL_LLM_API_KEY).toBe(localCredential('llm-app/api-key'));
  });

  it('is the key docs/kubernetes.md tells readers to send to the local llm-app', () => {
    const quoted = [...readFileSync(join(ROOT, 'docs', 'kubernetes.md'), 'utf8').matchAll(/Bearer (kind-local-\w+)/g)];
    expect(quoted.length).toBeGreaterThan(0);
    expect(new Set(quoted.map((match) => match[1]))).toEqual(new Set([LOCAL_LLM_API_KEY]));
  });
});
