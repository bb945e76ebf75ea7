import { appSettingsOf } from './environment';
import { applyOverrides, EnvironmentValuesError } from './overrides';
import { local } from './local';
import { production } from './production';

describe(applyOverrides.name, () => {
  it('lays a deep partial over the environment and keeps the rest', () => {
    const env = applyOverrides(production, {
      apps: { 'sample-app': { host: 'api.example.org' } },
      image: { tag: '1.4.2' },
    });
    expect(appSettingsOf(env, 'sample-app').host).toBe('api.example.org');
    expect(appSettingsOf(env, 'sample-app').resources).toEqual(appSettingsOf(production, 'sample-app').resources);
    expect(env.image).toEqual({ ...production.image, tag: '1.4.2' });
  });

  it('turns an Ingress off with null', () => {
    expect(appSettingsOf(applyOverrides(local, { apps: { 'llm-app': { host: null } } }), 'llm-app').host).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    ['the latest tag', { image: { tag: 'latest' } }, /values\.production\.image\.tag: the tag "latest"/],
    [
      'a bad quantity',
      { apps: { 'llm-app': { resources: { limits: { memory: 'lots' } } } } },
      /apps\.llm-app\.resources\.limits\.memory/,
    ],
    ['an unknown key', { apps: { 'sample-app': { replica: 3 } } }, /apps\.sample-app: Unrecognized key/],
    [
      'a single-replica autoscaler',
      { apps: { 'sample-app': { autoscaling: { minReplicas: 1 } } } },
      /autoscaling\.minReplicas/,
    ],
    ['generated secrets with an external store', { secrets: 'generated' }, /values\.production\.secrets:/],
  ])('refuses %s, naming the value', (_case, patch, message) => {
    expect(() => applyOverrides(production, patch)).toThrow(EnvironmentValuesError);
    expect(() => applyOverrides(production, patch)).toThrow(message);
  });
});
