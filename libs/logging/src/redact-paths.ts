/**
 * Log paths whose values never reach a log line. pino replaces them with
 * "[Redacted]". Request bodies are not logged at all; these cover headers and
 * any object a developer passes to the logger by mistake.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
  '*.privateKey',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
];
