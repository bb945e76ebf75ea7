import { replaceIn, write } from './edit';

/** Reference solution of exercise 2: libs/greeting as a Nest module (a new folder under libs/ is a lib: no list to edit), used by sample-app. */
export function addALib(root: string): void {
  write(
    root,
    'libs/greeting/src/greeting.service.ts',
    `import { Injectable } from '@nestjs/common';

/** Says hello; the example lib of docs/PRACTICE.md, exercise 2. */
@Injectable()
export class GreetingService {
  constructor(private readonly salutation: string) {}

  greet(name: string): string {
    return \`\${this.salutation}, \${name}!\`;
  }
}
`,
  );
  write(
    root,
    'libs/greeting/src/greeting.module.ts',
    `import { type DynamicModule, Module } from '@nestjs/common';
import { GreetingService } from './greeting.service';

@Module({})
export class GreetingModule {
  static forRoot(options: { readonly salutation?: string } = {}): DynamicModule {
    return {
      module: GreetingModule,
      providers: [{ provide: GreetingService, useValue: new GreetingService(options.salutation ?? 'Hello') }],
      exports: [GreetingService],
    };
  }
}
`,
  );
  write(
    root,
    'libs/greeting/src/index.ts',
    `export { GreetingModule } from './greeting.module';\nexport { GreetingService } from './greeting.service';\n`,
  );
  write(
    root,
    'libs/greeting/src/greeting.service.spec.ts',
    `import { GreetingService } from './greeting.service';

describe(GreetingService.name, () => {
  it('greets by name with the configured salutation', () => {
    expect(new GreetingService('Hi').greet('Ada')).toBe('Hi, Ada!');
  });
});
`,
  );
  replaceIn(root, 'apps/sample-app/src/app.module.ts', /^/, `import { GreetingModule } from '@app/greeting';\n`);
  replaceIn(
    root,
    'apps/sample-app/src/app.module.ts',
    'CacheModule.forRoot(),',
    'CacheModule.forRoot(),\n        GreetingModule.forRoot(),',
  );
}
