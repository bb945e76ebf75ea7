import { Chart, Testing } from 'cdk8s';
import { type Manifest } from '../test/synthesize';
import { AppRoute, type AppRouteProps } from './app-route';
import { PublicGateway, type PublicGatewayProps } from './public-gateway';

function synth(build: (chart: Chart) => void): Manifest[] {
  const chart = new Chart(Testing.app(), 'test');
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

const route: AppRouteProps = {
  name: 'demo',
  namespace: 'apps',
  host: 'demo.example.com',
  gateway: { name: 'public', namespace: 'gateway', listener: 'http' },
  service: { name: 'demo', port: 80 },
  paths: ['/', '/api'],
};

describe(AppRoute.name, () => {
  it('routes "/" exactly and every other path as a prefix to the Service port, on the named listener', () => {
    const [object] = synth((chart) => new AppRoute(chart, 'route', route));
    expect(object?.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway', sectionName: 'http' }],
      hostnames: ['demo.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'Exact', value: '/' } }, { path: { type: 'PathPrefix', value: '/api' } }],
          backendRefs: [{ name: 'demo', port: 80 }],
        },
      ],
    });
  });

  it.each(['/metrics', '/health', '/ready', '/metrics/x', 'api', '/api/', ''])(
    'refuses the path "%s", naming paths',
    (path) => {
      expect(() => synth((chart) => new AppRoute(chart, 'route', { ...route, paths: [path] }))).toThrow(/^paths:/);
    },
  );

  it('refuses an empty path list', () => {
    expect(() => synth((chart) => new AppRoute(chart, 'route', { ...route, paths: [] }))).toThrow(/^paths:/);
  });
});

const gateway: PublicGatewayProps = {
  name: 'public',
  namespace: 'gateway',
  className: 'nginx',
  routesNamespace: 'apps',
  hosts: ['a.example.com', 'b.example.com'],
};

describe(PublicGateway.name, () => {
  it('without an issuer, has one HTTP listener taking routes from the apps namespace only', () => {
    const objects = synth((chart) => new PublicGateway(chart, 'gw', gateway));
    expect(objects.map((o) => o.kind)).toEqual(['Gateway']);
    expect(objects[0]?.spec.listeners).toEqual([
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        allowedRoutes: {
          namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } },
        },
      },
    ]);
  });

  it('with an issuer, terminates TLS per host with a cert-manager certificate and redirects HTTP to HTTPS', () => {
    const all: Required<PublicGatewayProps> = { ...gateway, clusterIssuer: 'letsencrypt' };
    const objects = synth((chart) => new PublicGateway(chart, 'gw', all));
    const [gw, redirect] = objects;
    expect(gw?.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    const listeners = gw?.spec.listeners as Manifest[];
    expect(listeners.map((l): unknown[] => [l.name, l.protocol, l.hostname, l.tls?.certificateRefs[0].name])).toEqual([
      ['http', 'HTTP', undefined, undefined],
      ['https-a', 'HTTPS', 'a.example.com', 'a-tls'],
      ['https-b', 'HTTPS', 'b.example.com', 'b-tls'],
    ]);
    expect(listeners[0]?.allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    expect(redirect?.spec.rules).toEqual([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    ]);
  });

  it('refuses a Gateway without hosts, naming hosts', () => {
    expect(() => synth((chart) => new PublicGateway(chart, 'gw', { ...gateway, hosts: [] }))).toThrow(/^hosts:/);
  });
});
