import type { AppConfigValues } from './app-config.schema';

/**
 * The validated, frozen configuration of one app. Used as the injection token:
 * `constructor(private readonly config: AppConfig)`.
 */
// Declaration merging gives the token the shape of the validated values; the
// class is never instantiated, so the "unsafe" merge has nothing to be unsafe about.
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
export abstract class AppConfig {}
export interface AppConfig extends AppConfigValues {}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */
