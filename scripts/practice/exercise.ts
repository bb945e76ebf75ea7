/**
 * The shape of a PRACTICE exercise's check (docs/PRACTICE.md): a function from a target (a repository
 * folder, its charts-out/, the running apps' URLs) to the list of what is still missing. An empty list
 * means the exercise is done.
 */
export interface PracticeTarget {
  /** The repository the learner works in. */
  readonly repoDir: string;
  /** The synthesized manifests; `<repoDir>/charts-out` unless told otherwise. */
  readonly chartsOutDir: string;
  readonly sampleAppUrl: string;
  readonly llmAppUrl: string;
  /** The promtool executable, for the exercises that run rule tests. */
  readonly promtool: string;
  /** Answers given on the command line (`--trace-id`, `--token`, `--api-key`, `--model`). */
  readonly answers: Readonly<Record<string, string>>;
}

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface Exercise {
  readonly number: number;
  readonly title: string;
  readonly level: Level;
  /** What the check looks at, in one line, printed with the result. */
  readonly inspects: string;
  /** What is still missing, one sentence each, saying what to do; empty when done. */
  check(target: PracticeTarget): Promise<string[]>;
}
