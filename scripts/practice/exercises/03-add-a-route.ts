import { join } from 'node:path';
import { type Exercise } from '../exercise';
import { filesUnder, isSource, readIfExists } from '../inspect';

export const ROUTE = '/api/v1/hello';

export const addARoute: Exercise = {
  number: 3,
  title: 'Add a route with its metrics and a dashboard panel',
  level: 'beginner',
  inspects: 'apps/sample-app (controller, module, e2e test) and the sample-app-overview dashboard',
  check(target) {
    const read = (path: string) => readIfExists(join(target.repoDir, path)) ?? '';
    const problems: string[] = [];
    const controllers = filesUnder(target.repoDir, 'apps/sample-app/src', isSource).filter((path) => {
      const text = read(path);
      return /@Controller\(/.test(text) && /@(Controller|Get)\([^)]*hello/.test(text);
    });
    if (controllers.length === 0) {
      problems.push(
        `no controller in apps/sample-app/src serves GET ${ROUTE} (@Controller(\`\${API_PREFIX}/hello\`) and @Get())`,
      );
    } else {
      const names = controllers.flatMap((path) => [...read(path).matchAll(/export class (\w+)/g)].map((m) => m[1]!));
      const modules = filesUnder(target.repoDir, 'apps/sample-app/src', isSource).map(read);
      const registered = names.some((name) =>
        modules.some((text) => new RegExp(`controllers:\\s*\\[[^\\]]*\\b${name}\\b`).test(text)),
      );
      if (!registered)
        problems.push(`${names.join(', ')} is not in any module's controllers: Nest will not route to it`);
    }
    const e2e = filesUnder(target.repoDir, 'apps/sample-app/test', (name) => name.endsWith('.e2e-spec.ts'));
    if (!e2e.some((path) => read(path).includes(ROUTE))) {
      problems.push(`no e2e test in apps/sample-app/test calls ${ROUTE}`);
    }
    const source = filesUnder(target.repoDir, 'observability/src/dashboards', (name) => name.endsWith('.ts'));
    if (!source.some((path) => read(path).includes(ROUTE))) {
      problems.push(`no dashboard in observability/src/dashboards queries route="${ROUTE}"`);
    }
    const dashboard = read('observability/generated/dashboards/sample-app-overview.json');
    const exprs = [...dashboard.matchAll(/"expr":\s*"((?:[^"\\]|\\.)*)"/g)].map(
      (m) => JSON.parse(`"${m[1]}"`) as string,
    );
    const panel = exprs.find((expr) => expr.includes(`route="${ROUTE}"`));
    if (!panel) {
      problems.push(
        `observability/generated/dashboards/sample-app-overview.json has no panel on route="${ROUTE}": run npm run observability:build`,
      );
    } else if (!/http_server_request(s_total|_duration_seconds)/.test(panel)) {
      problems.push(
        `the ${ROUTE} panel should query http_server_requests_total or http_server_request_duration_seconds`,
      );
    }
    return Promise.resolve(problems);
  },
};
