import { join } from 'node:path';
import { directoryTree, withChanges } from './code-names';
import { brokenLinks, headingAnchors } from './markdown-links';

const repo = directoryTree(join(__dirname, '..', '..'));
const markdown = repo.paths.filter(
  (path) => path.endsWith('.md') && !path.startsWith('charts-out/') && !path.includes('/fixtures/'),
);

describe(brokenLinks.name, () => {
  it('finds every relative link of README and docs/ pointing at a file and heading that exist', () => {
    expect(markdown).toEqual(expect.arrayContaining(['README.md', 'docs/ARCHITECTURE.md', 'docs/PRACTICE.md']));
    expect(brokenLinks(repo, markdown)).toEqual([]);
  });

  it('reports a link to a renamed file and to a heading that is gone', () => {
    const tree = withChanges(repo, {
      'docs/x.md': '[old](architecture.md) [gone](PRACTICE.md#13-no-such-exercise) [web](https://example.com/a.md)',
    });
    expect(brokenLinks(tree, ['docs/x.md'])).toEqual([
      'docs/x.md: architecture.md (no docs/architecture.md)',
      'docs/x.md: PRACTICE.md#13-no-such-exercise (no heading #13-no-such-exercise in docs/PRACTICE.md)',
    ]);
  });
});

describe(headingAnchors.name, () => {
  it('makes GitHub anchors: punctuation dropped, spaces as hyphens, repeats numbered, code fences ignored', () => {
    const anchors = headingAnchors(
      "# A b\n## Each app (`NestService`, used twice)\n```\n# not a heading\n```\n## A b\n### 4. Find a slow request's trace",
    );
    expect([...anchors]).toEqual(['a-b', 'each-app-nestservice-used-twice', 'a-b-1', '4-find-a-slow-requests-trace']);
  });
});
