import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlaceholderSecret } from '@app/config';
import { ENVIRONMENTS } from '../environments';
import { LOCAL_CREDENTIAL_PREFIX } from '../charts/local-credentials';
import { type Manifest, matches, podTemplates, synthesizeEnvironment } from './synthesize';

// Rules every synthesized object of every environment obeys; a new chart or construct is
// covered without writing a test for it.
describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('environment %s', (_name, env) => {
  const charts = synthesizeEnvironment(env);
  const objects = [...charts.values()].flat();
  const pods = podTemplates(objects);
  const containersOf = (spec: Manifest): Manifest[] => [
    ...((spec.initContainers ?? []) as Manifest[]),
    ...(spec.containers as Manifest[]),
  ];
  const pathsOf = (ingress: Manifest): Manifest[] =>
    (ingress.spec.rules as Manifest[]).flatMap((rule) => rule.http.paths as Manifest[]);
  const portsOf = (service: Manifest | undefined): Manifest[] => (service?.spec.ports as Manifest[]) ?? [];
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const inNamespace = (namespace: string | undefined, kind: string) =>
    ofKind(kind).filter((object) => object.metadata.namespace === namespace);

  it('labels every object with app.kubernetes.io name, part-of and managed-by', () => {
    for (const object of objects) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': expect.any(String),
        'app.kubernetes.io/part-of': 'nest-k8s-observability',
        'app.kubernetes.io/managed-by': 'cdk8s',
      });
    }
  });

  it('runs every pod as a fixed non-root user with the RuntimeDefault seccomp profile and no API token', () => {
    expect(pods.length).toBeGreaterThan(0);
    for (const { spec } of pods) {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(spec.securityContext.runAsGroup).toBeGreaterThan(0);
      expect(spec.automountServiceAccountToken).toBe(false);
    }
  });

  it('gives every container the restricted security context, a read-only root and a writable /tmp', () => {
    for (const { spec } of pods) {
      const emptyDirs = (spec.volumes as Manifest[])
        .filter((volume) => volume.emptyDir)
        .map((volume): unknown => volume.name);
      for (const container of containersOf(spec)) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        const tmp = (container.volumeMounts as Manifest[]).find((mount) => mount.mountPath === '/tmp');
        expect(emptyDirs).toContain(tmp?.name);
      }
    }
  });

  it('sets CPU and memory requests and limits on every container', () => {
    for (const { spec } of pods) {
      for (const container of containersOf(spec)) {
        expect(container.resources).toEqual({
          requests: { cpu: expect.any(String), memory: expect.any(String) },
          limits: { cpu: expect.any(String), memory: expect.any(String) },
        });
      }
    }
  });

  it('probes every long-running container: startup, liveness and readiness', () => {
    for (const { spec } of pods) {
      for (const container of spec.containers) {
        expect(container).toMatchObject({
          startupProbe: expect.any(Object),
          livenessProbe: expect.any(Object),
          readinessProbe: expect.any(Object),
        });
      }
    }
  });

  it('pins every image by an explicit tag other than latest', () => {
    for (const { spec } of pods) {
      for (const container of containersOf(spec)) {
        expect(container.image).toMatch(/:[\w][\w.-]*$/);
        expect(container.image).not.toMatch(/:latest$/);
      }
    }
  });

  it('gives every Deployment a PodDisruptionBudget and its own NetworkPolicy', () => {
    const deployments = ofKind('Deployment');
    expect(deployments.length).toBe(2);
    for (const deployment of deployments) {
      const labels = deployment.spec.template.metadata.labels;
      const namespace = deployment.metadata.namespace;
      expect(
        inNamespace(namespace, 'PodDisruptionBudget').some((pdb) => matches(pdb.spec.selector.matchLabels, labels)),
      ).toBe(true);
      const own = inNamespace(namespace, 'NetworkPolicy').filter(
        (policy) => Object.keys(policy.spec.podSelector.matchLabels ?? {}).length > 0,
      );
      expect(own.some((policy) => matches(policy.spec.podSelector.matchLabels, labels))).toBe(true);
    }
  });

  it('rolls Deployments with no unavailable pod, at least two replicas, and a grace period beyond the drain delay', () => {
    for (const deployment of ofKind('Deployment')) {
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      const hpa = ofKind('HorizontalPodAutoscaler').find(
        (h) => h.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect(hpa?.spec.minReplicas ?? deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      const config = ofKind('ConfigMap').find((c) => c.metadata.name === `${deployment.metadata.name}-config`);
      const drainSeconds = Number(config?.data.SHUTDOWN_DRAIN_DELAY_MS) / 1000;
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds);
      expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('resolves every ConfigMap and Secret a pod reads (production Secrets exist out of band, by name)', () => {
    const external = env.secrets === 'external' ? ['sample-app-secrets', 'llm-app-secrets'] : [];
    for (const { spec, namespace } of pods) {
      for (const container of containersOf(spec)) {
        const sources = (container.envFrom ?? []) as Manifest[];
        const configMaps = sources.flatMap((source) =>
          source.configMapRef ? [source.configMapRef.name as string] : [],
        );
        const secrets = sources.flatMap((source) => (source.secretRef ? [source.secretRef.name as string] : []));
        const existingConfigMaps = inNamespace(namespace, 'ConfigMap').map((c) => c.metadata.name);
        const existingSecrets = [...inNamespace(namespace, 'Secret').map((s) => s.metadata.name), ...external];
        for (const name of configMaps) expect(existingConfigMaps).toContain(name);
        for (const name of secrets) expect(existingSecrets).toContain(name);
      }
    }
  });

  it('selects real pods with every Service, and routes every Ingress backend to a Service port', () => {
    for (const service of ofKind('Service')) {
      const selected = pods.filter(
        (pod) => pod.namespace === service.metadata.namespace && matches(service.spec.selector, pod.labels),
      );
      expect(selected.length).toBeGreaterThan(0);
    }
    for (const ingress of ofKind('Ingress')) {
      for (const path of pathsOf(ingress)) {
        const service = inNamespace(ingress.metadata.namespace, 'Service').find(
          (s) => s.metadata.name === path.backend.service.name,
        );
        expect(portsOf(service).map((port): unknown => port.port)).toContain(path.backend.service.port.number);
      }
    }
  });

  it("points every URL one app is configured with for another at that app's Service port", () => {
    const urls = ofKind('ConfigMap').flatMap((configMap) =>
      Object.entries((configMap.data ?? {}) as Record<string, string>)
        .filter(([, value]) => /^https?:\/\/[^/\s]+\.svc\.cluster\.local[:/]\S*$/.test(value))
        .map(([key, value]) => ({ key, url: new URL(value) })),
    );
    expect(urls.map(({ key }) => key).sort()).toEqual(['AUTH_JWKS_URL', 'LLM_GATEWAY_URL']);
    for (const { key, url } of urls) {
      const [name, namespace] = url.hostname.split('.');
      // WHATWG URLs leave the scheme's default port out.
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const service = inNamespace(namespace, 'Service').find((candidate) => candidate.metadata.name === name);
      expect({ key, port: portsOf(service).some((candidate) => candidate.port === port) }).toEqual({
        key,
        port: true,
      });
    }
  });

  it('never routes /metrics through an Ingress', () => {
    for (const ingress of ofKind('Ingress')) {
      for (const path of pathsOf(ingress)) {
        const routesMetrics =
          path.pathType === 'Exact'
            ? path.path === '/metrics'
            : path.path === '/' || '/metrics'.startsWith(`${path.path}/`) || path.path === '/metrics';
        expect(routesMetrics).toBe(false);
      }
    }
  });

  it('gives each app Deployment its replica count from one place: the HPA the environment asks for, or fixed replicas', () => {
    for (const [app, settings] of Object.entries(env.apps)) {
      const deployment = ofKind('Deployment').find((d) => d.metadata.name === app);
      expect(deployment).toBeDefined();
      const hpas = inNamespace(deployment?.metadata.namespace, 'HorizontalPodAutoscaler').filter(
        (hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === app,
      );
      // Autoscaled: one HPA with the environment's bounds, and no replicas for a rollout to reset.
      // Not autoscaled: no HPA, and the environment's fixed count.
      expect({
        hpas: hpas.map((hpa): unknown[] => [hpa.spec.minReplicas, hpa.spec.maxReplicas]),
        replicas: deployment?.spec.replicas,
      }).toEqual(
        settings.autoscaling
          ? { hpas: [[settings.autoscaling.minReplicas, settings.autoscaling.maxReplicas]], replicas: undefined }
          : { hpas: [], replicas: settings.replicas },
      );
    }
  });

  it('points every HorizontalPodAutoscaler at a Deployment that leaves the replica count to it', () => {
    for (const hpa of ofKind('HorizontalPodAutoscaler')) {
      const target = inNamespace(hpa.metadata.namespace, 'Deployment').find(
        (d) => d.metadata.name === hpa.spec.scaleTargetRef.name,
      );
      expect(target).toBeDefined();
      expect(target?.spec.replicas).toBeUndefined();
    }
  });

  it('selects real pods with every NetworkPolicy and every same-namespace pod peer', () => {
    for (const policy of ofKind('NetworkPolicy')) {
      const namespacePods = pods.filter((pod) => pod.namespace === policy.metadata.namespace);
      expect(namespacePods.some((pod) => matches(policy.spec.podSelector.matchLabels, pod.labels))).toBe(true);
      const rules = [...(policy.spec.ingress ?? []), ...(policy.spec.egress ?? [])];
      const peers = (rules as Manifest[]).flatMap((rule): Manifest[] => [
        ...((rule.from ?? []) as Manifest[]),
        ...((rule.to ?? []) as Manifest[]),
      ]);
      for (const peer of peers.filter((p: Manifest) => p.podSelector && !p.namespaceSelector)) {
        expect(namespacePods.some((pod) => matches(peer.podSelector.matchLabels, pod.labels))).toBe(true);
      }
    }
  });

  it('scrapes a real Service port with every ServiceMonitor', () => {
    for (const monitor of ofKind('ServiceMonitor')) {
      const services = ofKind('Service').filter(
        (service) =>
          (monitor.spec.namespaceSelector.matchNames as string[]).includes(service.metadata.namespace ?? '') &&
          matches(monitor.spec.selector.matchLabels, service.metadata.labels),
      );
      expect(services.length).toBe(1);
      expect(portsOf(services[0]).map((port): unknown => port.name)).toContain(monitor.spec.endpoints[0].port);
    }
  });

  it('enforces the restricted Pod Security Standard on the apps namespace', () => {
    const namespace = ofKind('Namespace').find((n) => n.metadata.name === env.namespace);
    expect(namespace?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  it('migrates the database in an init container and not at app boot', () => {
    const deployment = ofKind('Deployment').find((d) => d.metadata.name === 'sample-app');
    expect(deployment?.spec.template.spec.initContainers).toEqual([
      expect.objectContaining({ name: 'migrate', args: ['dist/apps/sample-app/src/migrate.js'] }),
    ]);
    const config = ofKind('ConfigMap').find((c) => c.metadata.name === 'sample-app-config');
    expect(config?.data.DATABASE_MIGRATIONS_RUN).toBe('false');
  });

  if (env.secrets === 'external') {
    it('writes no Secret: production credentials never enter charts-out', () => {
      expect(ofKind('Secret')).toEqual([]);
    });
  } else {
    it('generates local credentials that production rules accept yet are marked local', () => {
      const secrets = ofKind('Secret');
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        // The signing key is a committed local-only PEM (k8s/environments/local-keys/), not a generated token.
        // LLM_API_KEY_SHA256 is the digest of a local credential (LOCAL_LLM_API_KEY), not one itself;
        // LLM_UPSTREAM_API_KEYS is empty (no extra upstreams locally).
        const notGenerated = new Set(['AUTH_JWT_PRIVATE_KEY', 'LLM_API_KEY_SHA256', 'LLM_UPSTREAM_API_KEYS']);
        const generated = Object.entries(secret.stringData as Record<string, string>).filter(
          ([key]) => !notGenerated.has(key),
        );
        for (const [, value] of generated) {
          const password = /^\w+:\/\/[^:]*:([^@]+)@/.exec(value)?.[1] ?? value;
          expect(password.startsWith(LOCAL_CREDENTIAL_PREFIX)).toBe(true);
          expect(isPlaceholderSecret(password)).toBe(false);
        }
      }
    });

    it('runs the data stores on the images docker-compose.yml pins', () => {
      const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
      const images = ofKind('StatefulSet').map((s) => s.spec.template.spec.containers[0].image as string);
      expect(images.length).toBe(2);
      for (const image of images) expect(compose).toContain(`image: ${image}`);
    });
  }
});
