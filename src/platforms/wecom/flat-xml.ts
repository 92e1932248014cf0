// The shape of nearly every WeCom callback, read without a general XML parser: `<xml>` whose
// children are elements holding one CDATA section or plain text. The envelope and the decrypted
// message of each callback both have it, and the general parser (with its validation pass) cost
// a third of a millisecond per callback on the HTTP thread. Anything else — nesting, attributes,
// comments, a prolog, a repeated or array-valued name, text mixed with CDATA, a CDATA split in
// two — returns undefined and goes to the general parser, so the two always agree (a test
// compares them). Values come out as the general parser gives them with xml.ts's options: CDATA
// verbatim, text trimmed, entities left as written.

/** Names the general parser always makes arrays: never taken by the fast path. */
export const ARRAY_NAMES: ReadonlySet<string> = new Set(['SelectedItem', 'OptionId']);

const OPEN_ROOT = /^\s*<xml>/y;
const CHILD = /\s*<([A-Za-z_][\w.-]*)>(?:\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*|([^<]*))<\/([A-Za-z_][\w.-]*)>/y;
const CLOSE_ROOT = /\s*<\/xml>\s*$/y;

export function parseFlatXml(text: string): Record<string, string> | undefined {
  OPEN_ROOT.lastIndex = 0;
  if (!OPEN_ROOT.test(text)) return undefined;
  const fields: Record<string, string> = {};
  const start = OPEN_ROOT.lastIndex;
  let at = start;
  for (;;) {
    CLOSE_ROOT.lastIndex = at;
    if (CLOSE_ROOT.test(text)) return at === start ? undefined : fields; // <xml></xml>: the general parser refuses it
    CHILD.lastIndex = at;
    const m = CHILD.exec(text);
    if (!m) return undefined;
    const [, name, cdata, plain, closing] = m;
    if (name !== closing || ARRAY_NAMES.has(name!) || Object.hasOwn(fields, name!)) return undefined;
    if (cdata?.includes(']]>')) return undefined; // the lazy match ran past the section's end
    fields[name!] = cdata ?? plain!.trim();
    at = CHILD.lastIndex;
  }
}
