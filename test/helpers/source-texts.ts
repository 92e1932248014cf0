// The texts a person may read, as they stand in the source: every string literal and template
// piece with Chinese in it (chat messages, card texts, command-line output), and the strings of
// the card definitions. Comments are left out: rule IDs and the like belong there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '..', '..');
const HAN = /\p{Script=Han}/u;

/** Files under `dir` (relative to the repository) ending in `ext`; the generated client left out. */
export function sourceFiles(dir: string, ext: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext) && !join(e.parentPath, e.name).includes(join('src', 'generated')))
    .map((e) => join(e.parentPath, e.name));
}

/** The Chinese texts of a TypeScript file: its string literals and template pieces. */
export function chineseTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (HAN.test(node.text)) found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every string in a parsed JSON value. */
export function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** "path: text" for each text of `files` that `bad` matches. */
export function offending(files: string[], textsOf: (file: string) => string[], bad: (text: string) => boolean): string[] {
  return files.flatMap((file) => textsOf(file).filter(bad).map((text) => `${relative(ROOT, file)}: ${text}`));
}
