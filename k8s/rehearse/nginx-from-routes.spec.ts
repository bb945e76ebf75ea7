import { nginxConfig } from './nginx-from-routes';

const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'demo', namespace: 'apps' },
  spec: {
    hostnames: ['demo.localtest.me'],
    rules: [
      {
        matches: [{ path: { type: 'Exact', value: '/' } }, { path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [{ name: 'demo', port: 80 }],
      },
    ],
  },
};

describe(nginxConfig.name, () => {
  const config = nginxConfig({
    routes: [route],
    listen: '127.0.0.1:8000',
    prefix: '/tmp/x',
    backend: (name, port, namespace) => ({
      host: '127.0.0.1',
      port: name === 'demo' && port === 80 && namespace === 'apps' ? 9000 : 1,
    }),
  });

  it('serves each route hostname, with Exact as "location =" and PathPrefix on path-element boundaries', () => {
    expect(config).toContain('server_name demo.localtest.me;');
    expect(config).toContain('location = / { proxy_pass http://127.0.0.1:9000; }');
    expect(config).toContain('location = /api { proxy_pass http://127.0.0.1:9000; }');
    expect(config).toContain('location ^~ /api/ { proxy_pass http://127.0.0.1:9000; }');
  });

  it('answers 404 for every unrouted path and unknown host, and appends the client to X-Forwarded-For', () => {
    expect(config).toContain('location / { return 404; }');
    expect(config).toMatch(/listen 127\.0\.0\.1:8000 default_server;\s+return 404;/);
    expect(config).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
  });
});
