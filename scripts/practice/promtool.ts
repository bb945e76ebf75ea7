import { spawnSync } from 'node:child_process';

/** Runs `promtool test rules` on one file; undefined when it passes, promtool's complaint otherwise. */
export function promtoolTest(promtool: string, repoDir: string, testFile: string): string | undefined {
  const result = spawnSync(promtool, ['test', 'rules', testFile], { cwd: repoDir, encoding: 'utf8', timeout: 30_000 });
  if (result.error) {
    return `cannot run ${promtool} (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}): install Prometheus' promtool (apt-get install prometheus) or set PROMTOOL`;
  }
  if (result.status === 0) return undefined;
  const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 12).join('\n    ');
  return `promtool test rules ${testFile} fails:\n    ${output}`;
}
