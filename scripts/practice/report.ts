import { type Exercise, type PracticeTarget } from './exercise';

export interface Outcome {
  readonly exercise: Exercise;
  readonly problems: string[];
}

export async function runCheck(exercise: Exercise, target: PracticeTarget): Promise<Outcome> {
  try {
    return { exercise, problems: await exercise.check(target) };
  } catch (error) {
    return { exercise, problems: [`the check itself failed: ${(error as Error).message}`] };
  }
}

/** The lines the learner reads: what was inspected, then done, or what is still missing. */
export function describe({ exercise, problems }: Outcome): string {
  const heading = `Exercise ${exercise.number} (${exercise.level}): ${exercise.title}`;
  if (problems.length === 0) return `PASS ${heading}\n  checked ${exercise.inspects}`;
  return [`FAIL ${heading}`, `  checked ${exercise.inspects}; still missing:`, ...problems.map((p) => `  - ${p}`)].join(
    '\n',
  );
}
