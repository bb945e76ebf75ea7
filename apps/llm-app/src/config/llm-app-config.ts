import { AppConfig } from '@app/config';
import type { LlmAppSections } from './llm-app-env';

/**
 * llm-app's configuration: the shared sections of AppConfig and its own `llm`. The injection token of
 * llm-app's code that reads `llm` (`constructor(private readonly config: LlmAppConfig)`); ConfigModule
 * provides the same frozen object under it and under AppConfig.
 */
// Declaration merging, as for AppConfig: the class is never instantiated.
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
export abstract class LlmAppConfig extends AppConfig {}
export interface LlmAppConfig extends LlmAppSections {}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
