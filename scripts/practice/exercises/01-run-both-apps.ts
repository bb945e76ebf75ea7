import { type Exercise } from '../exercise';
import { http } from '../inspect';

async function appProblems(name: string, baseUrl: string): Promise<string[]> {
  const health = await http(`${baseUrl}/health`);
  if (typeof health === 'string') return [`${name}: ${health}; start both apps with npm start`];
  const problems: string[] = [];
  if (health.status !== 200) problems.push(`${name}: GET /health answered ${health.status}, expected 200`);
  const ready = await http(`${baseUrl}/ready`);
  if (typeof ready === 'string' || ready.status !== 200) {
    const status = typeof ready === 'string' ? ready : `answered ${ready.status}: ${ready.text.slice(0, 200)}`;
    problems.push(`${name}: GET /ready ${status}; a dependency is down (see docs/TROUBLESHOOTING.md)`);
  }
  const info = await http(`${baseUrl}/info`);
  const body = typeof info === 'string' ? undefined : (info.body as { name?: string; version?: string } | undefined);
  if (body?.name !== name) {
    problems.push(
      `${name}: GET ${baseUrl}/info should name ${name}, got ${JSON.stringify(body?.name)}; is the URL right?`,
    );
  } else if (!body.version) problems.push(`${name}: GET /info has no version`);
  return problems;
}

export const runBothApps: Exercise = {
  number: 1,
  title: 'Run both apps and read their health',
  level: 'beginner',
  inspects: 'the running apps: /health, /ready and /info of sample-app and llm-app',
  async check(target) {
    return [
      ...(await appProblems('sample-app', target.sampleAppUrl)),
      ...(await appProblems('llm-app', target.llmAppUrl)),
    ];
  },
};
