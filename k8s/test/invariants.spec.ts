import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlaceholderSecret } from '@app/config';
import { APPS } from '../../apps/registry';
import { appSettingsOf, ENVIRONMENTS } from '../environments';
import { LOCAL_CREDENTIAL_PREFIX } from '../charts/local-credentials';
import { podSecurityViolations } from './pod-security-standards';
import { type Manifest, matches, podTemplates, synthesizeEnvironment } from './synthesize';
import { APPS_WITH_THIRD_APP } from './third-app.fixture';

/** The longest request an app's ConfigMap allows (llm-app: every upstream attempt plus the waits between). */
function longestRequestSeconds(config: Record<string, string>): number {
  if (config.LLM_UPSTREAM_TIMEOUT_MS !== undefined) {
    const retries = Number(config.LLM_UPSTREAM_MAX_RETRIES);
    // 5 s: the longest Retry-After llm-app waits out between attempts.
    return (Number(config.LLM_UPSTREAM_TIMEOUT_MS) * (retries + 1) + retries * 5_000) / 1000;
  }
  return Number(config.LLM_GATEWAY_TIMEOUT_MS ?? 10_000) / 1000;
}

// Rules every synthesized object of every environment obeys; a new chart or construct is
// covered without writing a test for it, and so is a new app: each environment is also synthesized
// with a fixture third app added to the registry alone (third-app.fixture.ts).
const CASES = ENVIRONMENTS.flatMap((env) => [
  [env.name, env, APPS] as const,
  [`${env.name} with a third app in the registry`, env, APPS_WITH_THIRD_APP] as const,
]);

describe.each(CASES)('environment %s', (_name, env, registry) => {
  const charts = synthesizeEnvironment(env, undefined, registry);
  const objects = [...charts.values()].flat();
  const pods = podTemplates(objects);
  const containersOf = (spec: Manifest): Manifest[] => [
    ...((spec.initContainers ?? []) as Manifest[]),
    ...(spec.containers as Manifest[]),
  ];
  const matchesOf = (route: Manifest): Manifest[] =>
    (route.spec.rules as Manifest[]).flatMap((rule) => (rule.matches ?? []) as Manifest[]);
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

  it('pins every image by an explicit tag other than latest (and by digest when the environment gives one)', () => {
    for (const { spec } of pods) {
      for (const container of containersOf(spec)) {
        expect(container.image).toMatch(/:[\w][\w.-]*(@sha256:[0-9a-f]{64})?$/);
        expect(container.image).not.toMatch(/:latest(@|$)/);
      }
    }
  });

  it('gives every Deployment a PodDisruptionBudget and its own NetworkPolicy', () => {
    const deployments = ofKind('Deployment');
    expect(deployments.length).toBeGreaterThanOrEqual(2);
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
    // The apps (the local alert sink has no drain delay to respect).
    const apps = ofKind('Deployment').filter((d) =>
      ofKind('ConfigMap').some((c) => c.metadata.name === `${d.metadata.name}-config`),
    );
    // One Deployment per app of the registry.
    expect(apps.length).toBe(registry.length);
    for (const deployment of apps) {
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      const hpa = ofKind('HorizontalPodAutoscaler').find(
        (h) => h.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect(hpa?.spec.minReplicas ?? deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      const config = ofKind('ConfigMap').find((c) => c.metadata.name === `${deployment.metadata.name}-config`);
      const drainSeconds = Number(config?.data.SHUTDOWN_DRAIN_DELAY_MS) / 1000;
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
        drainSeconds + longestRequestSeconds(config?.data ?? {}),
      );
      expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('resolves every ConfigMap and Secret a pod reads (production Secrets exist out of band, by name)', () => {
    const external = env.secrets === 'external' ? registry.map(({ identity }) => `${identity.name}-secrets`) : [];
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

  it('selects real pods with every Service, and routes every HTTPRoute backend to a Service port', () => {
    for (const service of ofKind('Service')) {
      const selected = pods.filter(
        (pod) => pod.namespace === service.metadata.namespace && matches(service.spec.selector, pod.labels),
      );
      expect(selected.length).toBeGreaterThan(0);
    }
    const backends = ofKind('HTTPRoute').flatMap((route) =>
      (route.spec.rules as Manifest[]).flatMap((rule) =>
        ((rule.backendRefs ?? []) as Manifest[]).map((ref) => ({ namespace: route.metadata.namespace, ref })),
      ),
    );
    // One routed backend per public app of the registry.
    expect(backends.length).toBe(registry.filter((entry) => entry.publicPaths.length > 0).length);
    for (const { namespace, ref } of backends) {
      const service = inNamespace(namespace, 'Service').find((s) => s.metadata.name === ref.name);
      expect(portsOf(service).map((port): unknown => port.port)).toContain(ref.port);
    }
  });

  it("attaches every HTTPRoute to a listener of a real Gateway that admits the route's namespace", () => {
    for (const route of ofKind('HTTPRoute')) {
      for (const parent of route.spec.parentRefs as Manifest[]) {
        const gateway = inNamespace(parent.namespace ?? route.metadata.namespace, 'Gateway').find(
          (candidate) => candidate.metadata.name === parent.name,
        );
        const listener = (gateway?.spec.listeners as Manifest[] | undefined)?.find(
          (l) => l.name === parent.sectionName,
        );
        expect(listener).toBeDefined();
        const namespaces = listener?.allowedRoutes.namespaces;
        const routeNamespace = ofKind('Namespace').find((n) => n.metadata.name === route.metadata.namespace);
        const admitted =
          namespaces.from === 'Same'
            ? route.metadata.namespace === gateway?.metadata.namespace
            : namespaces.from === 'All' ||
              matches(namespaces.selector.matchLabels, {
                ...routeNamespace?.metadata.labels,
                'kubernetes.io/metadata.name': route.metadata.namespace ?? '',
              });
        expect(admitted).toBe(true);
        const listenerHost = (listener?.hostname as string | undefined) ?? null;
        const hosts = (route.spec.hostnames ?? []) as string[];
        expect(hosts.filter((host) => listenerHost !== null && host !== listenerHost)).toEqual([]);
      }
    }
  });

  it('terminates TLS for every routed host exactly when the environment names an issuer', () => {
    const gateway = ofKind('Gateway')[0];
    const https = (gateway?.spec.listeners as Manifest[]).filter((l) => l.protocol === 'HTTPS');
    const hosts = ofKind('HTTPRoute')
      .filter((route) => route.metadata.namespace === env.namespace)
      .flatMap((route) => route.spec.hostnames as string[]);
    const issuer = env.gateway.tls?.clusterIssuer;
    expect(https.map((l): unknown => l.hostname).sort()).toEqual(issuer === undefined ? [] : hosts.sort());
    expect(gateway?.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe(issuer);
  });

  it("points every URL one app is configured with for another at that app's Service port", () => {
    const urls = ofKind('ConfigMap').flatMap((configMap) =>
      Object.entries((configMap.data ?? {}) as Record<string, string>)
        .filter(([, value]) => /^https?:\/\/[^/\s]+\.svc\.cluster\.local[:/]\S*$/.test(value))
        // The stack's Services come from the vendored charts; the flow test follows those URLs.
        .filter(([, value]) => new URL(value).hostname.split('.')[1] === env.namespace)
        .map(([key, value]) => ({ key, url: new URL(value) })),
    );
    expect(urls.map(({ key }) => key).sort()).toEqual(
      registry === APPS ? ['AUTH_JWKS_URL', 'LLM_GATEWAY_URL'] : ['AUTH_JWKS_URL', 'AUTH_JWKS_URL', 'LLM_GATEWAY_URL'],
    );
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

  it('never routes /metrics, /health or /ready through the Gateway', () => {
    for (const route of ofKind('HTTPRoute')) {
      for (const match of matchesOf(route)) {
        for (const privatePath of ['/metrics', '/health', '/ready']) {
          const { type, value } = match.path;
          const routes =
            type === 'Exact'
              ? value === privatePath
              : value === '/' || privatePath === value || privatePath.startsWith(`${value}/`);
          expect({ path: value, privatePath, routes }).toEqual({ path: value, privatePath, routes: false });
        }
      }
    }
  });

  it('gives each app Deployment its replica count from one place: the HPA the environment asks for, or fixed replicas', () => {
    for (const [app, settings] of registry.map(
      ({ identity }) => [identity.name, appSettingsOf(env, identity.name)] as const,
    )) {
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
      // The Gateway's proxies (provisioned by its controller) and the stack's pods (vendored charts)
      // are not in the project output; the flow test models them by their labels.
      if ([env.gateway.namespace, env.monitoringNamespace].includes(policy.metadata.namespace ?? '')) continue;
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

  it("enforces the restricted Pod Security Standard, at the cluster's latest version, on the apps namespace", () => {
    const namespace = ofKind('Namespace').find((n) => n.metadata.name === env.namespace);
    expect(namespace?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    // A pinned old version would keep the rules of that release, not the cluster's.
    for (const ns of ofKind('Namespace')) {
      for (const mode of ['enforce', 'audit', 'warn']) {
        expect(ns.metadata.labels?.[`pod-security.kubernetes.io/${mode}-version`] ?? 'latest').toBe('latest');
      }
    }
  });

  it('admits every pod template under the Pod Security level its namespace enforces', () => {
    for (const { workload, namespace, spec } of pods) {
      const level = ofKind('Namespace').find((n) => n.metadata.name === namespace)?.metadata.labels?.[
        'pod-security.kubernetes.io/enforce'
      ];
      expect({ pod: workload.metadata.name, violations: podSecurityViolations(spec, level ?? 'privileged') }).toEqual({
        pod: workload.metadata.name,
        violations: [],
      });
    }
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
      // Alertmanager's configuration Secret holds routes and a webhook URL, no credential.
      const secrets = ofKind('Secret').filter((secret) => secret.metadata.name !== env.alerting.receiversSecret);
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
