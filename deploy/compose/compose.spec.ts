import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { APPS, envNames } from '../../apps/registry';
import {
  bindMounts,
  type ComposeFile,
  dependencies,
  environmentOf,
  publishedPorts,
  readYaml,
  readYamlDocuments,
  REPO_ROOT,
} from './compose-file';

const compose = readYaml<ComposeFile>('docker-compose.yml');
const services = Object.entries(compose.services);
/** The project's own apps: the services built from the Dockerfile. */
const apps = services.filter(([, service]) => service.build !== undefined);
/** One-shot helpers (e.g. a chown before Tempo starts): they exit, so they have no healthcheck. */
const ONE_SHOT = ['tempo-init'];

/** The generated observability files, mounted where Prometheus and Grafana load them. */
const GENERATED = [
  {
    folder: 'observability/generated/rules',
    suffix: '.rules.yaml',
    service: 'prometheus',
    target: '/etc/prometheus/rules',
  },
  {
    folder: 'observability/generated/dashboards',
    suffix: '.json',
    service: 'grafana',
    target: '/var/lib/grafana/dashboards/nest-k8s-observability',
  },
];

const hostOf = (url: string) => new URL(url).hostname;

describe('docker-compose.yml', () => {
  it('runs both apps, their data stores and the whole observability stack', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'redis',
        'sample-app',
        'llm-app',
        'prometheus',
        'grafana',
        'loki',
        'alloy',
        'tempo',
      ]),
    );
    expect(apps.map(([name]) => name).sort()).toEqual(['llm-app', 'sample-app']);
  });

  it('points every app at hosts that are services of the file (stores, OTLP endpoint, each other)', () => {
    const urlVariables = ['DATABASE_URL', 'REDIS_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'LLM_GATEWAY_URL'];
    const targets = apps.flatMap(([app, service]) => {
      const env = environmentOf(service);
      return urlVariables
        .filter((name) => env[name] !== undefined)
        .map((name) => ({ app, name, host: hostOf(env[name] ?? '') }));
    });
    expect(targets.map(({ name }) => name)).toEqual(expect.arrayContaining(urlVariables));
    expect(targets.filter(({ host }) => compose.services[host] === undefined)).toEqual([]);
  });

  it('sets on the apps only variables the apps read (envNames of apps/registry.ts)', () => {
    // NODE_OPTIONS is Node's own, read before the app starts (checked below).
    const known = new Set<string>([...envNames(), 'NODE_OPTIONS']);
    const unknown = apps.flatMap(([app, service]) =>
      Object.keys(environmentOf(service))
        .filter((name) => !known.has(name))
        .map((name) => `${app}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it("runs each app with its registry entry's Node flags, as the Deployment does, and no others", () => {
    const flags = Object.fromEntries(apps.map(([app, service]) => [app, environmentOf(service).NODE_OPTIONS]));
    const expected = Object.fromEntries(
      APPS.map((entry) => [
        entry.identity.name,
        entry.nodeOptions.length > 0 ? entry.nodeOptions.join(' ') : undefined,
      ]),
    );
    expect(flags).toEqual(expected);
  });

  it('publishes no host port twice, and only on localhost', () => {
    const published = services.flatMap(([, service]) => publishedPorts(service));
    const ports = published.map((address) => address.slice(address.lastIndexOf(':') + 1));
    expect(ports.filter((port, index) => ports.indexOf(port) !== index)).toEqual([]);
    expect(published.filter((address) => !address.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('mounts only configuration files and folders that exist in the repository (generated ones aside)', () => {
    const generated = new Set(GENERATED.map(({ folder }) => `./${folder}`));
    const missing = services.flatMap(([name, service]) =>
      bindMounts(service)
        .filter(({ source }) => source.startsWith('.') && !generated.has(source))
        .filter(({ source }) => !existsSync(join(REPO_ROOT, source)))
        .map(({ source }) => `${name}: ${source}`),
    );
    expect(missing).toEqual([]);
  });

  it('pins every image to a version: no "latest", no untagged image', () => {
    const unpinned = services.flatMap(([name, service]) => {
      const image = service.image;
      if (image === undefined) return service.build === undefined ? [`${name}: no image`] : [];
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      const versioned = tag !== undefined && tag !== 'latest' && (service.build !== undefined || /\d/.test(tag));
      return versioned ? [] : [`${name}: ${image}`];
    });
    expect(unpinned).toEqual([]);
  });

  it('gives every long-running service a healthcheck', () => {
    const without = services
      .filter(
        ([name, service]) =>
          !ONE_SHOT.includes(name) && (service.healthcheck?.test === undefined || service.healthcheck.disable),
      )
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('waits for a dependency to be healthy whenever it has a healthcheck', () => {
    const wrong = services.flatMap(([name, service]) =>
      dependencies(service)
        .filter((dependency) => compose.services[dependency.name]?.healthcheck !== undefined)
        .filter((dependency) => dependency.condition !== 'service_healthy')
        .map((dependency) => `${name} → ${dependency.name}: ${dependency.condition ?? 'no condition'}`),
    );
    expect(wrong).toEqual([]);
  });

  it('depends only on services that exist', () => {
    const dangling = services.flatMap(([name, service]) =>
      dependencies(service)
        .filter((dependency) => compose.services[dependency.name] === undefined)
        .map((dependency) => `${name} → ${dependency.name}`),
    );
    expect(dangling).toEqual([]);
  });

  it('keeps data in named volumes that are declared', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = services.flatMap(([, service]) =>
      (service.volumes ?? []).flatMap((volume) => {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        return source && !source.startsWith('.') && !source.startsWith('/') ? [source] : [];
      }),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((volume) => !declared.includes(volume))).toEqual([]);
  });
});

describe('generated observability files (observability/generated/)', () => {
  it.each(GENERATED)('mounts $folder into $service at $target', ({ folder, service, target }) => {
    expect(bindMounts(compose.services[service] ?? {})).toContainEqual({ source: `./${folder}`, target });
  });

  it('loads the mounted rule files in Prometheus', () => {
    const prometheus = readYaml<{ rule_files: string[] }>('deploy/compose/prometheus/prometheus.yml');
    expect(prometheus.rule_files).toEqual([posix.join('/etc/prometheus/rules', '*.rules.yaml')]);
  });

  it('loads the mounted dashboards folder in Grafana', () => {
    const provisioning = readYaml<{ providers: { options: { path: string } }[] }>(
      'deploy/compose/grafana/provisioning/dashboards/dashboards.yaml',
    );
    expect(provisioning.providers.map((provider) => provider.options.path)).toEqual([
      '/var/lib/grafana/dashboards/nest-k8s-observability',
    ]);
  });

  // A missing folder would make Docker mount an empty one, and Grafana and Prometheus would start blank.
  it('finds files of their kind in every mounted generated folder', () => {
    const empty = GENERATED.filter(({ folder, suffix }) => {
      const path = join(REPO_ROOT, folder);
      return (
        !existsSync(path) || !statSync(path).isDirectory() || !readdirSync(path).some((name) => name.endsWith(suffix))
      );
    });
    expect(empty.map(({ folder }) => folder)).toEqual([]);
  });
});

describe('deploy/compose configuration', () => {
  it('scrapes both apps on the ports they listen on', () => {
    const prometheus = readYaml<{ scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] }>(
      'deploy/compose/prometheus/prometheus.yml',
    );
    const targets = Object.fromEntries(
      prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((config) => config.targets)]),
    );
    for (const [app, service] of apps) {
      expect(targets[app]).toEqual([`${app}:${environmentOf(service).PORT}`]);
    }
  });

  it('provisions the same Grafana datasources as the Kubernetes charts, with compose URLs', () => {
    type Datasource = { name: string; url: string; [key: string]: unknown };
    const k8sDocuments = readYamlDocuments<{ kind: string; metadata: { name: string }; data?: Record<string, string> }>(
      'charts-out/local/monitoring/monitoring.k8s.yaml',
    );
    const configMap = k8sDocuments.find(
      (doc) => doc.kind === 'ConfigMap' && doc.metadata.name === 'grafana-datasources',
    );
    const k8s = parse(configMap?.data?.['datasources.yaml'] ?? '') as { datasources: Datasource[] };
    const local = readYaml<{ datasources: Datasource[] }>(
      'deploy/compose/grafana/provisioning/datasources/datasources.yaml',
    );
    const withoutUrl = ({ url: _url, ...rest }: Datasource) => rest;
    expect(local.datasources.map(withoutUrl)).toEqual(k8s.datasources.map(withoutUrl));
    expect(
      local.datasources.map((datasource) => hostOf(datasource.url)).filter((host) => !compose.services[host]),
    ).toEqual([]);
  });
});
