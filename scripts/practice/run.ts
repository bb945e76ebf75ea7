import { EXERCISES } from './exercises';
import { describe, runCheck } from './report';
import { parseCommand } from './target';

// `npm run practice -- <n>`: runs the check of one exercise of docs/PRACTICE.md (or all) and exits 0
// when it is done, 1 when something is missing.
async function main(): Promise<number> {
  let command;
  try {
    command = parseCommand(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const chosen = command.exercise === 'all' ? EXERCISES : EXERCISES.filter((e) => e.number === command.exercise);
  if (chosen.length === 0) {
    console.error(`there is no exercise ${command.exercise}: pick 1 to ${EXERCISES.length} (docs/PRACTICE.md)`);
    return 2;
  }
  let failed = 0;
  for (const exercise of chosen) {
    const outcome = await runCheck(exercise, command.target);
    console.log(describe(outcome));
    if (outcome.problems.length > 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
