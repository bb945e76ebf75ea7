/** The 429's detail, written for the person reading the client's error. */
export function rateLimitMessage(limit: number, windowMs: number, retryAfterSeconds: number): string {
  const window = windowMs % 1_000 === 0 ? `${windowMs / 1_000} s` : `${windowMs} ms`;
  return `Too many requests: the limit is ${limit} per ${window}. Try again in ${retryAfterSeconds} s.`;
}
