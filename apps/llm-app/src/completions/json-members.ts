const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The JSON text of an object with one top-level member set to `json` (replaced where it is, added
 * last when absent, as `{ ...object, [name]: value }` places it) and, given `drop`, another removed;
 * every other byte as it came: members, order, spacing, escapes and number forms. The relay rewrites
 * what must change in an upstream's answer this way instead of re-serializing the parsed object
 * (decision 0140). The text must be one that `JSON.parse` accepted. Undefined when the text is not
 * one this rewrite can handle safely, for the caller to serialize the parsed object instead: not an
 * object, a line break anywhere (an SSE `data:` line must not contain one), a key written with escapes
 * (it may spell `name` or `drop`), or `name` or `drop` appearing twice (JSON.parse keeps the last).
 */
export function withMember(text: string, name: string, json: string, drop?: string): string | undefined {
  if (text.includes('\n') || text.includes('\r')) return undefined;
  const escapes = text.includes('\\');
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  i = skipSpace(text, i + 1);
  let members = 0;
  let setStart = -1;
  let setEnd = -1;
  let dropStart = -1;
  let dropEnd = -1;
  let beforeDrop = -1;
  let afterDrop = -1;
  let lastEnd = -1;
  if (text.charCodeAt(i) !== CLOSE_BRACE) {
    for (;;) {
      if (text.charCodeAt(i) !== QUOTE) return undefined;
      const keyStart = i;
      const keyEnd = stringEnd(text, i);
      if (keyEnd === -1) return undefined;
      if (escapes && text.lastIndexOf('\\', keyEnd - 2) > keyStart) return undefined;
      if (dropStart !== -1 && afterDrop === -1) afterDrop = keyStart;
      i = skipSpace(text, keyEnd);
      if (text.charCodeAt(i) !== COLON) return undefined;
      const valueStart = skipSpace(text, i + 1);
      const valueEnd = valueEndOf(text, valueStart);
      if (valueEnd === -1) return undefined;
      if (isKey(text, keyStart, keyEnd, name)) {
        if (setStart !== -1) return undefined;
        setStart = valueStart;
        setEnd = valueEnd;
      } else if (drop !== undefined && isKey(text, keyStart, keyEnd, drop)) {
        if (dropStart !== -1) return undefined;
        dropStart = keyStart;
        dropEnd = valueEnd;
        beforeDrop = lastEnd;
      }
      members += 1;
      lastEnd = valueEnd;
      i = skipSpace(text, valueEnd);
      const next = text.charCodeAt(i);
      if (next === CLOSE_BRACE) break;
      if (next !== COMMA) return undefined;
      i = skipSpace(text, i + 1);
    }
  }
  const close = i;
  if (skipSpace(text, close + 1) !== text.length) return undefined;
  // At most two edits, on different members: applied from the end so earlier offsets stay valid.
  let out = text;
  if (setStart === -1) {
    const left = members - (dropStart === -1 ? 0 : 1);
    out = `${out.slice(0, close)}${left > 0 ? ',' : ''}"${name}":${json}${out.slice(close)}`;
  }
  const replace = (start: number, end: number, by: string) => {
    out = out.slice(0, start) + by + out.slice(end);
  };
  const dropRange = (): [number, number] =>
    afterDrop !== -1 ? [dropStart, afterDrop] : beforeDrop !== -1 ? [beforeDrop, dropEnd] : [dropStart, dropEnd];
  if (dropStart !== -1 && setStart !== -1 && setStart > dropStart) {
    replace(setStart, setEnd, json);
    replace(...dropRange(), '');
  } else {
    if (dropStart !== -1) replace(...dropRange(), '');
    if (setStart !== -1) replace(setStart, setEnd, json);
  }
  return out;
}

function isKey(text: string, keyStart: number, keyEnd: number, key: string): boolean {
  return keyEnd - keyStart - 2 === key.length && text.startsWith(key, keyStart + 1);
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === SPACE || c === TAB; c = text.charCodeAt(i)) i += 1;
  return i;
}

/** The offset just past the string starting at `start` (its opening quote); -1 if it never closes. */
function stringEnd(text: string, start: number): number {
  for (let from = start + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset just past the JSON value starting at `start`; -1 if it does not end. */
function valueEndOf(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return stringEnd(text, start);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let i = start; i < text.length;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i = stringEnd(text, i);
        if (i === -1) return -1;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
      i += 1;
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let i = start;
  for (let c = text.charCodeAt(i); i < text.length; c = text.charCodeAt(++i)) {
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === SPACE || c === TAB) break;
  }
  return i === start ? -1 : i;
}
