/** The answer of a first request, as kept for its Idempotency-Key. */
export interface StoredResponse {
  readonly status: number;
  /** Headers worth replaying (Location and the like), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /**
   * The answer held a secret shown only once (an API key) that was not stored: a retry learns the
   * created resource's id but never the secret again (decision 0090).
   */
  readonly secretWithheld?: { readonly resourceId?: string };
}

/** What one request with an Idempotency-Key came to. */
export type IdempotentOutcome =
  { readonly replayed: false; readonly body: unknown } | { readonly replayed: true; readonly stored: StoredResponse };
