import { join } from 'node:path';
import { type Exercise } from '../exercise';
import { filesUnder, readIfExists } from '../inspect';

export const LIB = 'greeting';

export const addALib: Exercise = {
  number: 2,
  title: 'Add a lib and respect the layers',
  level: 'beginner',
  inspects: 'libs/greeting and sample-app’s AppModule',
  check(target) {
    const read = (path: string) => readIfExists(join(target.repoDir, path));
    const problems: string[] = [];
    const index = read(`libs/${LIB}/src/index.ts`);
    if (index === undefined) {
      problems.push(`libs/${LIB}/src/index.ts is missing: a lib's only face is its src/index.ts`);
    } else if (!/\bGreetingModule\b/.test(index) || !/\bGreetingService\b/.test(index)) {
      problems.push(`libs/${LIB}/src/index.ts must export GreetingModule and GreetingService`);
    }
    const sources = filesUnder(target.repoDir, `libs/${LIB}/src`, (name) => name.endsWith('.ts'));
    const text = sources.map((path) => read(path) ?? '').join('\n');
    if (!/class GreetingModule\b[\s\S]*static forRoot\s*\([^)]*\)\s*:\s*DynamicModule/.test(text)) {
      problems.push('GreetingModule needs a static forRoot(): DynamicModule, like every lib (see libs/cache)');
    }
    if (!/class GreetingService\b[\s\S]*\bgreet\s*\(/.test(text))
      problems.push('GreetingService needs a greet() method');
    if (!sources.some((path) => path.endsWith('.spec.ts'))) {
      problems.push(`libs/${LIB}/src has no *.spec.ts: a unit test of GreetingService is part of the lib`);
    }
    const appModule = read('apps/sample-app/src/app.module.ts') ?? '';
    if (!appModule.includes(`from '@app/${LIB}'`) || !/GreetingModule\.forRoot\(/.test(appModule)) {
      problems.push(`apps/sample-app/src/app.module.ts must import GreetingModule.forRoot() from '@app/${LIB}'`);
    }
    return Promise.resolve(problems);
  },
};
