import { resourceAttributesOf } from './start-tracing';
import type { TracingSettings } from './tracing-settings';

const SETTINGS: TracingSettings = {
  serviceName: 'sample-app',
  serviceVersion: '1.2.3',
  deploymentEnvironment: 'staging',
  podName: 'sample-app-7d9f-x2',
  podNamespace: 'apps',
  sampleRatio: 0.1,
  samplerFromEnv: false,
  usesDatabase: true,
};

describe(resourceAttributesOf.name, () => {
  it('names the service, its version, its environment and its pod', () => {
    expect(resourceAttributesOf(SETTINGS, new Set())).toEqual({
      'service.name': 'sample-app',
      'service.version': '1.2.3',
      'deployment.environment.name': 'staging',
      'k8s.pod.name': 'sample-app-7d9f-x2',
      'k8s.namespace.name': 'apps',
    });
  });

  it('leaves out what is unknown outside Kubernetes', () => {
    const attributes = resourceAttributesOf({ ...SETTINGS, podName: undefined, podNamespace: undefined }, new Set());
    expect(Object.keys(attributes)).not.toContain('k8s.pod.name');
    expect(Object.keys(attributes)).not.toContain('k8s.namespace.name');
  });

  it('lets the operator override any attribute through OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES', () => {
    const attributes = resourceAttributesOf(SETTINGS, new Set(['service.name', 'deployment.environment.name']));
    expect(attributes).not.toHaveProperty(['service.name']);
    expect(attributes).not.toHaveProperty(['deployment.environment.name']);
    expect(attributes).toHaveProperty(['service.version'], '1.2.3');
  });
});
