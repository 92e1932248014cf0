// The organisation's policy as office staff read and change it (every number of domain.md and
// the supervising body's name, src/domain/policy.ts): one field per key of the schema, described
// from the schema itself (type, bounds, default), so a field added to the policy shows up and is
// checked without touching this file. Written with compare-and-set on the stored JSON: two
// members of staff saving at once cannot silently undo each other.
import { z } from 'zod';
import { policySchema, resolvePolicyFields, type Policy } from '../domain/policy.ts';
import type { Db } from '../repositories/prisma.ts';

export interface PolicyField {
  key: string;
  /** How the value is typed in: a whole number, a number, text, a choice, yes/no, or JSON. */
  input: 'integer' | 'number' | 'text' | 'choice' | 'boolean' | 'json';
  value: unknown;
  defaultValue: unknown;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  choices?: string[];
  description?: string;
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

export function describePolicy(policy: Policy): PolicyField[] {
  return Object.entries(policySchema.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const type = json.type;
    const input: PolicyField['input'] = Array.isArray(json.enum) ? 'choice'
      : type === 'integer' ? 'integer' : type === 'number' ? 'number' : type === 'string' ? 'text' : type === 'boolean' ? 'boolean' : 'json';
    const num = (v: unknown) => (typeof v === 'number' && Math.abs(v) < SAFE_MAX ? v : undefined);
    return {
      key, input, value: (policy as Record<string, unknown>)[key], defaultValue: json.default,
      min: num(json.minimum), max: num(json.maximum),
      minLength: num(json.minLength), maxLength: num(json.maxLength),
      choices: Array.isArray(json.enum) ? json.enum.map(String) : undefined,
      description: typeof json.description === 'string' ? json.description : undefined,
    };
  });
}

export async function readPolicy(db: Db, orgId: number) {
  const org = await db.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { policy: true } });
  const resolved = resolvePolicyFields(org.policy);
  return { ...resolved, fields: describePolicy(resolved.policy), stored: org.policy };
}

export type PolicyUpdate =
  | { ok: true; changed: string[] }
  | { ok: false; problems: { key: string; message: string }[] };

/** A typed-in text as the field's value (before the schema checks it). */
function coerce(field: PolicyField, text: string): unknown {
  const t = text.trim();
  if (field.input === 'integer' || field.input === 'number') return t === '' ? undefined : Number(t);
  if (field.input === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
  if (field.input === 'json') {
    try {
      return JSON.parse(t);
    } catch {
      return Symbol('not JSON');
    }
  }
  return t;
}

/**
 * Applies the typed-in values of the fields that changed; every problem is reported at once
 * (nothing is written while one stands). `basedOn` is the stored JSON the form was shown from.
 */
export async function updatePolicy(db: Db, orgId: number, input: Record<string, string>, basedOn: string): Promise<PolicyUpdate | { ok: false; stale: true }> {
  const { policy, stored } = await readPolicy(db, orgId);
  if (stored !== basedOn) return { ok: false, stale: true };
  const shape = policySchema.shape as Record<string, z.ZodType>;
  const problems: { key: string; message: string }[] = [];
  const changes: Record<string, unknown> = {};
  for (const field of describePolicy(policy)) {
    if (!(field.key in input)) continue;
    const parsed = shape[field.key]!.safeParse(coerce(field, input[field.key]!));
    if (!parsed.success) problems.push({ key: field.key, message: parsed.error.issues[0]?.message ?? 'bad value' });
    else if (JSON.stringify(parsed.data) !== JSON.stringify(field.value)) changes[field.key] = parsed.data;
  }
  if (problems.length > 0) return { ok: false, problems };
  const changed = Object.keys(changes);
  if (changed.length === 0) return { ok: true, changed };
  const next = JSON.stringify({ ...storedObject(stored), ...changes });
  const { count } = await db.organisation.updateMany({ where: { id: orgId, policy: stored }, data: { policy: next } });
  return count === 1 ? { ok: true, changed } : { ok: false, stale: true };
}

function storedObject(stored: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(stored);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
