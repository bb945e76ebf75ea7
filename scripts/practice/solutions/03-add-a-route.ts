import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceIn, write } from './edit';

const EXPR =
  'sum by (status_code) (rate(http_server_requests_total{job="sample-app",route="/api/v1/hello"}[$__rate_interval]))';

/** Reference solution of exercise 3: GET /api/v1/hello, its e2e test, and a dashboard panel on its route. */
export function addARoute(root: string): void {
  write(
    root,
    'apps/sample-app/src/hello/hello.controller.ts',
    `import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/access';
import { API_PREFIX } from '../api-prefix';

@ApiTags('hello')
@Controller(\`\${API_PREFIX}/hello\`)
export class HelloController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'Says hello (docs/PRACTICE.md, exercise 3).' })
  @ApiOkResponse({ schema: { example: { message: 'hello' } } })
  hello(): { message: string } {
    return { message: 'hello' };
  }
}
`,
  );
  write(
    root,
    'apps/sample-app/src/hello/hello.module.ts',
    `import { Module } from '@nestjs/common';
import { HelloController } from './hello.controller';

@Module({ controllers: [HelloController] })
export class HelloModule {}
`,
  );
  replaceIn(root, 'apps/sample-app/src/app.module.ts', /^/, `import { HelloModule } from './hello/hello.module';\n`);
  replaceIn(root, 'apps/sample-app/src/app.module.ts', 'ItemsModule,', 'ItemsModule,\n        HelloModule,');
  write(
    root,
    'apps/sample-app/test/hello.e2e-spec.ts',
    `import request from 'supertest';
import { type RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('GET /api/v1/hello', () => {
  let app: RunningApp;
  beforeAll(async () => (app = await startSampleApp()));
  afterAll(() => app.close());

  it('answers hello and is counted under its route template', async () => {
    await request(app.baseUrl).get('/api/v1/hello').expect(200, { message: 'hello' });
    const metrics = await request(app.baseUrl).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/http_server_requests_total\\{[^}]*route="\\/api\\/v1\\/hello"/);
  });
});
`,
  );
  replaceIn(
    root,
    'observability/src/dashboards/service-overview.ts',
    ".withRow(new RowBuilder('Traffic, errors, latency'))",
    `.withRow(new RowBuilder('Traffic, errors, latency'))
    .withPanel(
      graph('Hello requests', 'GET /api/v1/hello per second, by status code.', 'reqps', [
        { expr: \`sum by (status_code) (rate(http_server_requests_total{\${job},route="/api/v1/hello"}[$__rate_interval]))\`, legend: '{{status_code}}' },
      ]),
    )`,
  );
  // What npm run observability:build writes for it (the test does not run the build).
  const path = join(root, 'observability/generated/dashboards/sample-app-overview.json');
  const dashboard = JSON.parse(readFileSync(path, 'utf8')) as { panels: object[] };
  dashboard.panels.splice(1, 0, {
    type: 'timeseries',
    title: 'Hello requests',
    description: 'GET /api/v1/hello per second, by status code.',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    fieldConfig: { defaults: { custom: {}, unit: 'reqps' }, overrides: [] },
    targets: [{ expr: EXPR, legendFormat: '{{status_code}}', refId: 'A' }],
  });
  writeFileSync(path, `${JSON.stringify(dashboard, null, 2)}\n`);
}
