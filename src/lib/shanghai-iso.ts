// ISO 8601 in business time, "2026-11-23T10:00:00+08:00" (China has no daylight saving, so
// +08:00 is exact), whatever the machine's zone: local mode's clock routes and LOCAL_CLOCK_START.
const OFFSET_MS = 8 * 3_600_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function toShanghaiIso(instant: Date): string {
  const wall = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${wall.slice(0, 19)}+08:00`;
}

/** An ISO 8601 date and time; without an offset it is Shanghai wall time. Undefined when malformed or not a real date. */
export function parseIsoInstant(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? 0);
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return new Date(wall - offsetMs(m[8]));
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined) return OFFSET_MS;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
