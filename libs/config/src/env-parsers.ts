import { z } from 'zod';

/** Integer env var within [min, max]; unset or empty gives undefined. */
export const envOptionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): number | undefined => {
      if (value === undefined || value === '') return undefined;
      if (!/^-?\d+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `expected an integer, got "${value}"` });
        return z.NEVER;
      }
      const parsed = Number(value);
      if (parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}, got ${parsed}` });
        return z.NEVER;
      }
      return parsed;
    });

/** Comma-separated list; blank entries dropped. */
export const envList = () =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    );

/** Optional string: unset and empty both mean "not configured". */
export const envOptionalString = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value));

/** Optional URL restricted to the given protocols (without the trailing colon). */
export const envOptionalUrl = (protocols: readonly string[]) =>
  envOptionalString().superRefine((value, ctx) => {
    if (value === undefined) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a valid URL' });
      return;
    }
    const protocol = url.protocol.replace(/:$/, '');
    if (!protocols.includes(protocol)) {
      ctx.addIssue({
        code: 'custom',
        message: `must use one of the schemes ${protocols.join(', ')}, got "${protocol}"`,
      });
    }
  });

/** Boolean env var without a default: unset or empty gives undefined (the caller decides). */
export const envOptionalBoolean = () =>
  envOptionalString().transform((value, ctx): boolean | undefined => {
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true or false, got "${value}"` });
    return z.NEVER;
  });

/** Boolean env var: accepts true/false/1/0/yes/no/on/off (any case); anything else is an error. */
export const envBoolean = (defaultValue: boolean) => envOptionalBoolean().transform((value) => value ?? defaultValue);

/** Fraction from 0 to 1 (a sampling ratio); unset or empty gives undefined. */
export const envOptionalRatio = () =>
  envOptionalString().transform((value, ctx): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!/^\d*\.?\d+$/.test(value) || parsed > 1) {
      ctx.addIssue({ code: 'custom', message: `expected a number from 0 to 1, got "${value}"` });
      return z.NEVER;
    }
    return parsed;
  });

/** Integer env var within [min, max], with a default. */
export const envInt = (defaultValue: number, min: number, max: number) =>
  envOptionalInt(min, max).transform((value) => value ?? defaultValue);

/** A variable holding JSON of a given shape; unset or empty gives `empty`. */
export const envJson = <T>(schema: z.ZodType<T>, empty: T, expected: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): T => {
      if (value === undefined || value === '') return empty;
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected JSON like ${expected}` });
        return z.NEVER;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const [issue] = parsed.error.issues;
        const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
        ctx.addIssue({ code: 'custom', message: `expected ${expected}${where}: ${issue?.message ?? 'invalid'}` });
        return z.NEVER;
      }
      return parsed.data;
    });
