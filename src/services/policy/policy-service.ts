// The organisation's policy as the office edits it (command line now, the staff console later):
// every setting with its value, its default and whether it is stored; set one field (checked by
// that field's own schema, so a bad value is refused and nothing else changes); reset one field
// to its default. Writes are conditional on what was read, so concurrent edits never lose one.
import { z } from 'zod';
import { DEFAULT_POLICY, policySchema, resolvePolicyFields, type PolicyKey } from '../../domain/policy.ts';
import { POLICY_LABELS } from '../../domain/policy-labels.ts';
import { loadStoredPolicy, replaceStoredPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { policyText as t } from './messages.ts';

export interface PolicySetting {
  key: PolicyKey;
  label: string;
  value: unknown;
  defaultValue: unknown;
  /** The organisation stored a valid value for it. */
  stored: boolean;
  /** A stored value was refused (bad value): the default applies; the reason. */
  refused?: string;
}

export interface PolicyView {
  settings: PolicySetting[];
  /** Stored keys that are not settings at all (left over, misspelt). */
  unknown: string[];
}

export async function showPolicy(db: Db, orgId: number): Promise<PolicyView> {
  const stored = (await loadStoredPolicy(db, orgId)) ?? '{}';
  const { policy, rejected } = resolvePolicyFields(stored);
  const raw = parseObject(stored) ?? {};
  const refused = new Map(rejected.map((r) => [r.key, isPolicyKey(r.key) ? problemOf(r.key, raw[r.key]) : r.problem]));
  const settings = (Object.keys(policySchema.shape) as PolicyKey[]).map((key) => ({
    key,
    label: POLICY_LABELS[key],
    value: policy[key],
    defaultValue: DEFAULT_POLICY[key],
    stored: key in raw && !refused.has(key),
    ...(refused.has(key) ? { refused: refused.get(key) } : {}),
  }));
  const unknown = Object.keys(raw).filter((k) => !(k in policySchema.shape));
  return { settings, unknown };
}

function problemOf(key: PolicyKey, value: unknown): string {
  return policySchema.shape[key].safeParse(value, { error: CHINESE_ERRORS }).error?.issues[0]?.message ?? '';
}

export type PolicyChange = { ok: true; message: string; value: unknown } | { ok: false; message: string };

/** Sets one field from its typed text ("3", "09:30", "14,3", "城关镇人大主席团"). */
export async function setPolicyField(db: Db, orgId: number, key: string, text: string): Promise<PolicyChange> {
  if (!isPolicyKey(key)) return { ok: false, message: t.unknownKey(key) };
  const value = readValue(key, text);
  const parsed = policySchema.shape[key].safeParse(value, { error: CHINESE_ERRORS });
  if (!parsed.success) return { ok: false, message: t.badValue(key, text, parsed.error.issues[0]?.message ?? '') };
  return writeField(db, orgId, key, parsed.data);
}

/** Removes the stored value: the default applies again. */
export async function resetPolicyField(db: Db, orgId: number, key: string): Promise<PolicyChange> {
  if (!isPolicyKey(key)) return { ok: false, message: t.unknownKey(key) };
  return writeField(db, orgId, key, undefined);
}

const WRITE_ATTEMPTS = 5;
/** The office reads the reason in Chinese. */
const CHINESE_ERRORS = z.locales.zhCN().localeError;

async function writeField(db: Db, orgId: number, key: PolicyKey, value: unknown): Promise<PolicyChange> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const stored = await loadStoredPolicy(db, orgId);
    if (stored === null) return { ok: false, message: t.noOrganisation };
    // A stored value that is not a JSON object is replaced by one holding only this field.
    const next: Record<string, unknown> = { ...(parseObject(stored) ?? {}) };
    if (value === undefined) delete next[key];
    else next[key] = value;
    if (await replaceStoredPolicy(db, orgId, stored, JSON.stringify(next))) {
      const shown = value === undefined ? DEFAULT_POLICY[key] : value;
      return { ok: true, value: shown, message: value === undefined ? t.reset(key, formatValue(shown)) : t.set(key, formatValue(shown)) };
    }
  }
  return { ok: false, message: t.busy };
}

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.prototype.hasOwnProperty.call(policySchema.shape, key);
}

/** The typed text as the field's kind of value: numbers, lists of numbers, true/false, text. */
function readValue(key: PolicyKey, text: string): unknown {
  const sample = DEFAULT_POLICY[key];
  const trimmed = text.trim();
  if (typeof sample === 'number') return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
  if (typeof sample === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  if (Array.isArray(sample)) {
    if (trimmed === '' || trimmed === '[]') return [];
    return trimmed.replace(/^\[|\]$/g, '').split(/[,，\s]+/).filter(Boolean).map((p) => (/^-?\d+$/.test(p) ? Number(p) : p));
  }
  return trimmed;
}

export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(',') || '（无）';
  return String(value);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const raw = JSON.parse(text) as unknown;
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
