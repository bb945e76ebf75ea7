import { type AppIdentity, withEnvTable } from '@app/config';
import { APPS } from '../../apps/registry';

/** The docs that carry the generated variable table. */
export const DOCS_WITH_ENV_TABLE = ['docs/configuration.md', 'docs/QUICKREF.md'];

/** The apps whose variables the table shows: the registry's, in its order, after the shared groups. */
export const DOCUMENTED_APPS: readonly AppIdentity[] = APPS.map((entry) => entry.identity);

/** `markdown` with its variable table regenerated from the shared groups and every registry app's own variables. */
export const withConfigTable = (markdown: string): string => withEnvTable(markdown, DOCUMENTED_APPS);
