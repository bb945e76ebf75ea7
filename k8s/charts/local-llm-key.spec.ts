import { LOCAL_LLM_API_KEY } from './app-secrets';

// docs/kubernetes.md and the CI kind job quote this key; they must stay in step with the code.
describe('LOCAL_LLM_API_KEY', () => {
  it('is the key the docs and the kind smoke test use', () => {
    expect(LOCAL_LLM_API_KEY).toBe('kind-local-dcf1b3ecc83621f1643b30ac');
  });
});
