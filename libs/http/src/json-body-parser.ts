import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonTooDeepError, ValidationFailedError } from '@app/errors';
import { jsonNestsDeeperThan, unrepresentableStrings } from './json-body';

/** ValidationFailedError as a body parser raises it: Fastify reads the status from statusCode. */
class BodyStringsRefused extends ValidationFailedError {
  readonly statusCode = 400;
}

/**
 * The JSON body parser, in place of Nest's default one: it checks the raw text before
 * anything recurses over it, so a body nested deeper than `maxDepth` is refused (400
 * json-too-deep) without being parsed. Then Fastify's own parser (secure-json-parse:
 * `__proto__` and `constructor.prototype` keys refused), then every key and string is
 * checked for what no field can store (NUL, lone surrogates: 400 naming the field).
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number, maxDepth: number): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, maxDepth)) {
      done(new JsonTooDeepError(maxDepth), undefined);
      return;
    }
    // The app serves HTTP/1.1: Fastify's parser is typed for that server's requests.
    void parseJson(request as Parameters<typeof parseJson>[0], text, (error, value) => {
      if (error !== null) {
        done(error, undefined);
        return;
      }
      const problems = unrepresentableStrings(value);
      if (problems.length > 0) done(new BodyStringsRefused(problems), undefined);
      else done(null, value);
    });
  });
}
