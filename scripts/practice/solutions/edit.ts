import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/** File edits the reference solutions make in a copy of the repository. */

export function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** Replaces one anchor in a file; throws when the anchor is gone, so a drifted solution fails loudly. */
export function replaceIn(root: string, path: string, anchor: string | RegExp, replacement: string): void {
  const text = readFileSync(join(root, path), 'utf8');
  const found = typeof anchor === 'string' ? text.includes(anchor) : anchor.test(text);
  if (!found) throw new Error(`reference solution: ${path} no longer contains ${String(anchor)}`);
  writeFileSync(join(root, path), text.replace(anchor, replacement));
}

/** Rewrites the documents of a multi-document YAML file; `change` may edit, drop (null) or add documents. */
export function editYaml(root: string, path: string, change: (documents: unknown[]) => unknown[]): void {
  const documents = parseAllDocuments(readFileSync(join(root, path), 'utf8')).map(
    (document) => document.toJS() as unknown,
  );
  const changed = change(documents);
  writeFileSync(join(root, path), changed.map((document) => stringify(document)).join('---\n'));
}
