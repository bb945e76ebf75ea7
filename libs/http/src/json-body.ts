import type { FieldProblem } from '@app/errors';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether raw JSON text nests objects and arrays deeper than `maxDepth`, found in one
 * pass over the text without parsing it (so a hostile body costs no recursion anywhere:
 * not in the parser, not in class-transformer). Brackets inside strings do not count.
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  // Each level costs at least one character: a short text cannot be too deep.
  if (text.length <= maxDepth) return false;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index += 1;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

const MAX_REPORTED = 10;

/**
 * Strings no field of this API can hold, with the dotted path of each field (keys count
 * too): a NUL character (PostgreSQL text refuses it) and a lone UTF-16 surrogate (it has
 * no UTF-8 encoding; validators and drivers throw on it). Walks without recursion; the
 * caller has already bounded the depth.
 */
export function unrepresentableStrings(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length > 0 && problems.length < MAX_REPORTED) {
    const { value: current, path } = pending.pop() as { value: unknown; path: string };
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem !== undefined) problems.push({ field: path === '' ? '(body)' : path, message: problem });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        const keyProblem = stringProblem(key);
        if (keyProblem !== undefined) problems.push({ field: printable(childPath), message: `a key ${keyProblem}` });
        else pending.push({ value: child, path: childPath });
      }
    }
  }
  return problems.reverse();
}

function stringProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must not contain a lone UTF-16 surrogate (it is not valid Unicode)';
  return undefined;
}

/** A field path with the offending characters escaped, so the answer itself is well-formed. */
function printable(path: string): string {
  return path.toWellFormed().replaceAll('\u0000', '\\u0000');
}
