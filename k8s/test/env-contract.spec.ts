import { loadConfig, secretEnvNamesFor } from '@app/config';
import { envNames, LLM_APP_ENTRY, SAMPLE_APP_ENTRY, secretEnvNames } from '../../apps/registry';
import { ENVIRONMENTS } from '../environments';
import { type Manifest, podTemplates, synthesizeEnvironment } from './synthesize';

const SAMPLE_APP = SAMPLE_APP_ENTRY.identity;
const LLM_APP = LLM_APP_ENTRY.identity;

// The charts and the apps' configuration (libs/config's shared groups, each app's own variables) agree on the environment contract.
const ENV_NAMES = envNames();
const SECRET_ENV_NAMES = secretEnvNames();
describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('environment %s', (_name, env) => {
  const objects = [...synthesizeEnvironment(env).values()].flat();
  const appPods = podTemplates(objects).filter(({ workload }) => workload.kind === 'Deployment');
  const configMap = (name: string) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);

  it('sets only variables the apps read (envNames of the registry)', () => {
    const names = new Set<string>();
    for (const { spec } of appPods) {
      for (const container of [...(spec.initContainers ?? []), ...spec.containers] as Manifest[]) {
        for (const variable of container.env ?? []) names.add(variable.name);
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef) {
            for (const key of Object.keys(configMap(source.configMapRef.name)?.data ?? {})) names.add(key);
          }
        }
      }
    }
    for (const app of [SAMPLE_APP, LLM_APP]) {
      for (const key of Object.keys(configMap(`${app.name}-config`)?.data ?? {})) names.add(key);
    }
    expect(names.size).toBeGreaterThan(5);
    // NODE_OPTIONS is Node's own (the app's heap flags, apps/registry.ts `nodeOptions`), read before the app starts.
    for (const name of names) expect([...ENV_NAMES, 'NODE_OPTIONS']).toContain(name);
  });

  it('delivers every secret variable from a Secret, never from a ConfigMap', () => {
    for (const app of [SAMPLE_APP, LLM_APP]) {
      const data = configMap(`${app.name}-config`)?.data ?? {};
      for (const name of SECRET_ENV_NAMES) expect(Object.keys(data)).not.toContain(name);
    }
  });

  if (env.secrets === 'generated') {
    it('declares exactly the secret variables each app reads in its Secret', () => {
      const keys = (name: string) =>
        Object.keys(objects.find((o) => o.kind === 'Secret' && o.metadata.name === name)?.stringData ?? {});
      expect(keys('sample-app-secrets').sort()).toEqual([...secretEnvNamesFor(SAMPLE_APP)].sort());
      expect(keys('llm-app-secrets').sort()).toEqual([...secretEnvNamesFor(LLM_APP)].sort());
    });

    it('gives each app local secrets its own config validation accepts in production mode', () => {
      for (const app of [SAMPLE_APP, LLM_APP]) {
        const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === `${app.name}-secrets`);
        const config = configMap(`${app.name}-config`)?.data ?? {};
        expect(() => loadConfig({ ...config, ...(secret?.stringData ?? {}) }, app)).not.toThrow();
      }
    });
  }
});
