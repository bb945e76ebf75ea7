// `npm run observability:build`: writes every dashboard and rule file from
// observability/src into observability/generated/, removing files no longer produced.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GENERATED_DIRECTORY, generatedFiles } from './generated-files';

const root = resolve(__dirname, '..', '..');
const files = generatedFiles();
for (const sub of ['dashboards', 'rules']) {
  const directory = join(root, GENERATED_DIRECTORY, sub);
  mkdirSync(directory, { recursive: true });
  for (const name of readdirSync(directory)) {
    if (!files.has(`${GENERATED_DIRECTORY}/${sub}/${name}`)) rmSync(join(directory, name));
  }
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`observability: wrote ${files.size} files to ${GENERATED_DIRECTORY}/`);
