import { AppConfig } from '@app/config';
import type { SampleAppSections } from './sample-app-env';

/**
 * sample-app's configuration: the shared sections of AppConfig and its own (`idempotency`, `admin`,
 * `llmGateway`). The injection token of sample-app's code that reads its own sections; ConfigModule
 * provides the same frozen object under it and under AppConfig.
 */
// Declaration merging, as for AppConfig: the class is never instantiated.
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
export abstract class SampleAppConfig extends AppConfig {}
export interface SampleAppConfig extends SampleAppSections {}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
