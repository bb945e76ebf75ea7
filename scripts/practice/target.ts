import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type PracticeTarget } from './exercise';

export const USAGE = `usage: npm run practice -- <exercise number | all> [options]
  --repo <dir>            the repository to inspect (default: the current directory)
  --charts-out <dir>      its synthesized manifests (default: <repo>/charts-out)
  --sample-app-url <url>  default PRACTICE_SAMPLE_APP_URL or http://localhost:8080
  --llm-app-url <url>     default PRACTICE_LLM_APP_URL or http://localhost:8081
  --trace-id <id>         exercise 4: the trace id from the log line
  --token <jwt>           exercise 11: an access token issued before the rotation
  --api-key <key>         exercise 12: an llm-app key, when its access is on
  --model <id>            exercise 12: the model to try (default: the first non-simulated one)`;

export interface PracticeCommand {
  readonly exercise: number | 'all';
  readonly target: PracticeTarget;
}

/** The command line and the environment, as one target; throws with the usage on a mistake. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): PracticeCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      repo: { type: 'string' },
      'charts-out': { type: 'string' },
      'sample-app-url': { type: 'string' },
      'llm-app-url': { type: 'string' },
      'trace-id': { type: 'string' },
      token: { type: 'string' },
      'api-key': { type: 'string' },
      model: { type: 'string' },
    },
  });
  const [which, ...extra] = positionals;
  if (which === undefined || extra.length > 0) throw new Error(USAGE);
  const exercise = which === 'all' ? 'all' : Number(which);
  if (exercise !== 'all' && !Number.isInteger(exercise))
    throw new Error(`"${which}" is not an exercise number\n${USAGE}`);
  const repoDir = resolve(cwd, values.repo ?? '.');
  const chartsOut = values['charts-out'];
  const answers: Record<string, string> = {};
  for (const key of ['trace-id', 'token', 'api-key', 'model'] as const) {
    if (values[key] !== undefined) answers[key] = values[key];
  }
  const trimSlash = (url: string) => url.replace(/\/+$/, '');
  return {
    exercise,
    target: {
      repoDir,
      chartsOutDir:
        chartsOut === undefined
          ? join(repoDir, 'charts-out')
          : isAbsolute(chartsOut)
            ? chartsOut
            : resolve(cwd, chartsOut),
      sampleAppUrl: trimSlash(values['sample-app-url'] ?? env.PRACTICE_SAMPLE_APP_URL ?? 'http://localhost:8080'),
      llmAppUrl: trimSlash(values['llm-app-url'] ?? env.PRACTICE_LLM_APP_URL ?? 'http://localhost:8081'),
      promtool: env.PROMTOOL ?? 'promtool',
      answers,
    },
  };
}
