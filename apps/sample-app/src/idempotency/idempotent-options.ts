export const IDEMPOTENT_OPTIONS = Symbol('idempotent-options');

export interface IdempotentOptions {
  /**
   * A member of the answer that is a secret shown only once (an API key's `key`): it is never
   * stored, and a retry gets 409 naming the created resource instead of a replay (decision 0090).
   */
  readonly secretField?: string;
}
