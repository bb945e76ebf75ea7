import type { AppEnv } from './app-env';

/** What the loader needs to know about the app it configures. */
export interface AppIdentity<Own extends object = object> {
  /** Service name, used in logs, metrics, /info and the default SQLite file name. */
  readonly name: string;
  /** Port used when PORT is unset. */
  readonly defaultPort: number;
  /** Whether this app keeps data in a database (and so needs DATABASE_URL in production). */
  readonly usesDatabase: boolean;
  /** Whether this app signs access tokens (and so needs AUTH_JWT_PRIVATE_KEY in production). */
  readonly issuesTokens: boolean;
  /** Whether the app traces even with no OTLP endpoint (llm-app keeps recent traces in memory for /traces). */
  readonly tracesWithoutExporter?: boolean;
  /** The app's own variables, defined beside the app; unset: it reads the shared groups only. */
  readonly env?: AppEnv<Own>;
}

/** Facts about the process the loader cannot read from the environment. */
export interface ProcessFacts {
  readonly stdoutIsTty: boolean;
}
