// Who an activity invites (rules A4, A6: they get its notices and have an attendance entry):
// the whole unit by default, or a subset named by the publisher — 除了张三 (all but those), 只邀请
// 张三、李四 (only those). Pure: the answer as typed and the unit's members in, the invitees or
// the names that match nobody out. Used by the publish dialog and, later, the console.

export type InviteeMode = 'all' | 'except' | 'only';

export interface Member {
  id: number;
  name: string;
}

export type InviteeChoice =
  | { ok: true; mode: InviteeMode; ids: number[]; /** except: who is left out; only: who is in. */ named: string[] }
  | { ok: false; problem: 'not_understood' }
  | { ok: false; problem: 'unknown_names'; names: string[] }
  | { ok: false; problem: 'nobody' };

const ALL = new Set(['是', '是的', '好', '好的', '对', '可以', '确认', '全体', '全部', '所有人', '全体人员', '全员', '都请', '全体成员', '全都邀请']);
const EXCEPT = /^(?:除了|除去|除|不邀请|不请|不用请|不用邀请|不要请|不含)\s*(.+?)\s*(?:以外|之外|外)?\s*(?:的人|其他人|其余人)?\s*(?:都请|都邀请|全请|都参加)?$/u;
const ONLY = /^(?:只邀请|只请|仅邀请|仅请|只要|只有|仅|邀请)\s*(.+)$/u;
const SEPARATORS = /[\s、,，;；/]+/u;
const JOINERS = /和|及|与|跟/u;
const JOINER_FIRST = /^(?:和|及|与|跟)/u;

/** Reads the publisher's answer against the unit's members. */
export function chooseInvitees(text: string, members: Member[]): InviteeChoice {
  const answer = text.trim().replace(/[。.!！]+$/u, '');
  if (ALL.has(answer)) return { ok: true, mode: 'all', ids: members.map((m) => m.id), named: [] };
  const except = EXCEPT.exec(answer);
  const only = except ? undefined : ONLY.exec(answer);
  const listed = except?.[1] ?? only?.[1] ?? answer;
  const names = readNames(listed, members);
  // A bare answer is a list of names only if it names somebody: else it was not about names.
  if (!except && !only && names.known.length === 0) return { ok: false, problem: 'not_understood' };
  if (names.unknown.length > 0) return { ok: false, problem: 'unknown_names', names: names.unknown };
  const named = new Set(names.known);
  const ids = members.filter((m) => (except ? !named.has(m.name) : named.has(m.name))).map((m) => m.id);
  if (ids.length === 0) return { ok: false, problem: 'nobody' };
  return { ok: true, mode: except ? 'except' : 'only', ids, named: names.known };
}

/**
 * Splits a list of names on punctuation and spaces, and on 和/及/与/跟 only where that leaves
 * members' names (王和平 stays one name when the unit has a 王和平).
 */
function readNames(list: string, members: Member[]): { known: string[]; unknown: string[] } {
  const names = [...new Set(members.map((m) => m.name))].sort((a, b) => b.length - a.length);
  const known: string[] = [];
  const unknown: string[] = [];
  for (const token of list.split(SEPARATORS).filter(Boolean)) {
    const segmented = segment(token, names);
    if (segmented) {
      known.push(...segmented);
      continue;
    }
    for (const part of token.split(JOINERS).filter(Boolean)) (names.includes(part) ? known : unknown).push(part);
  }
  return { known: [...new Set(known)], unknown: [...new Set(unknown)] };
}

/** The token as members' names joined by 和/及/与/跟 ("赵文华和王和平"), or undefined. */
function segment(token: string, names: string[]): string[] | undefined {
  for (const name of names) {
    if (!token.startsWith(name)) continue;
    const rest = token.slice(name.length);
    if (rest === '') return [name];
    const joined = JOINER_FIRST.exec(rest);
    const after = joined ? segment(rest.slice(joined[0].length), names) : undefined;
    if (after) return [name, ...after];
  }
  return undefined;
}
