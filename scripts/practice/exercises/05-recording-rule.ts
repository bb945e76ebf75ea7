import { join } from 'node:path';
import { parse } from 'yaml';
import { type Exercise } from '../exercise';
import { filesUnder, generatedRules, readIfExists } from '../inspect';
import { promtoolTest } from '../promtool';

export const RECORD = 'job:http_server_requests:rate5m';

interface RuleTestFile {
  readonly tests?: { readonly promql_expr_test?: { readonly expr?: string }[] }[];
}

export const addARecordingRule: Exercise = {
  number: 5,
  title: 'Add a Prometheus recording rule',
  level: 'intermediate',
  inspects: `observability/src, observability/generated/rules and observability/rules-tests for ${RECORD}`,
  check(target) {
    const problems: string[] = [];
    const rule = generatedRules(target.repoDir).find((candidate) => candidate.record === RECORD);
    if (!rule) {
      problems.push(
        `observability/generated/rules has no rule "record: ${RECORD}": add it in observability/src/alerts and run npm run observability:build`,
      );
    } else {
      const expr = rule.expr.replace(/\s+/g, ' ');
      if (!/rate\(http_server_requests_total(\{[^}]*\})?\[5m\]\)/.test(expr)) {
        problems.push(`${RECORD} should be computed from rate(http_server_requests_total[5m]); it is: ${expr}`);
      }
      if (!/\bsum by \(job\)/.test(expr)) problems.push(`${RECORD} should sum by (job), as its name promises`);
    }
    const sources = filesUnder(target.repoDir, 'observability/src', (name) => name.endsWith('.ts'));
    if (!sources.some((path) => (readIfExists(join(target.repoDir, path)) ?? '').includes(RECORD))) {
      problems.push(`${RECORD} is not in observability/src: the generated files are written from there, never by hand`);
    }
    const testFiles = filesUnder(target.repoDir, 'observability/rules-tests', (name) => name.endsWith('.yaml'));
    const testing = testFiles.filter((path) => {
      const file = parse(readIfExists(join(target.repoDir, path)) ?? '') as RuleTestFile | null;
      return (file?.tests ?? []).some((test) => (test.promql_expr_test ?? []).some((t) => t.expr?.trim() === RECORD));
    });
    if (testing.length === 0) {
      problems.push(
        `no promql_expr_test in observability/rules-tests evaluates ${RECORD}: add one with the value you expect`,
      );
    }
    for (const path of testing) {
      const failure = promtoolTest(target.promtool, target.repoDir, path);
      if (failure) problems.push(failure);
    }
    return Promise.resolve(problems);
  },
};
