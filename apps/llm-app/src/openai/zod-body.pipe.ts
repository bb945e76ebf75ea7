import { type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { invalidRequest } from './openai.errors';

/** Validates a body against a zod schema; the first problem becomes an OpenAI 400 naming the param. */
export class ZodBodyPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const param = issue === undefined || issue.path.length === 0 ? null : issue.path.map(String).join('.');
    throw invalidRequest(`${param ?? 'body'}: ${issue?.message ?? 'invalid'}`, param);
  }
}
