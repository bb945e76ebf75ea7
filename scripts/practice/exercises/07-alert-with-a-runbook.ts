import { join } from 'node:path';
import { type Exercise } from '../exercise';
import { filesUnder, generatedRules, readIfExists } from '../inspect';

export const ALERT = 'HttpTrafficStopped';

export const alertWithARunbook: Exercise = {
  number: 7,
  title: 'Add an alert and write its runbook',
  level: 'intermediate',
  inspects: `observability/generated/rules, observability/rules-tests and docs/runbooks/${ALERT}.md`,
  check(target) {
    const problems: string[] = [];
    const rule = generatedRules(target.repoDir).find((candidate) => candidate.alert === ALERT);
    if (!rule) {
      problems.push(
        `no alert ${ALERT} in observability/generated/rules: add it to observability/src/alerts/platform.rules.ts and run npm run observability:build`,
      );
    } else {
      if (!rule.expr.includes('http_server_requests_total')) {
        problems.push(
          `${ALERT} should watch http_server_requests_total (requests stopping), its expr is: ${rule.expr}`,
        );
      }
      if (!rule.labels?.severity) problems.push(`${ALERT} has no severity label`);
      if (!rule.annotations?.summary) problems.push(`${ALERT} has no summary annotation`);
      if (!rule.annotations?.runbook_url?.endsWith(`/docs/runbooks/${ALERT}.md`)) {
        problems.push(`${ALERT}'s runbook_url should end in /docs/runbooks/${ALERT}.md (use runbook('${ALERT}'))`);
      }
    }
    const tests = filesUnder(target.repoDir, 'observability/rules-tests', (name) => name.endsWith('.yaml'));
    if (
      !tests.some((path) =>
        new RegExp(`alertname:\\s*${ALERT}\\b`).test(readIfExists(join(target.repoDir, path)) ?? ''),
      )
    ) {
      problems.push(`no promtool test in observability/rules-tests has alertname: ${ALERT}`);
    }
    const runbookPath = `docs/runbooks/${ALERT}.md`;
    const runbook = readIfExists(join(target.repoDir, runbookPath));
    if (runbook === undefined) {
      problems.push(`${runbookPath} is missing: write what the on-call person checks and does`);
    } else {
      if (!runbook.startsWith(`# ${ALERT}\n`)) problems.push(`${runbookPath} should start with the heading # ${ALERT}`);
      if (!/\*\*Severity:\*\*/.test(runbook))
        problems.push(`${runbookPath} has no **Severity:** line saying what the alert means`);
      const section = (heading: string) =>
        new RegExp(`^## ${heading}\\n+([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(runbook)?.[1] ?? '';
      if (!/^\d+\. \S/m.test(section('Check')))
        problems.push(`${runbookPath} needs a ## Check section with numbered steps`);
      if (!/^- \S/m.test(section('Act')))
        problems.push(`${runbookPath} needs a ## Act section with one bullet per cause`);
    }
    return Promise.resolve(problems);
  },
};
