import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/lib/split-text.ts';

describe('splitting long chat texts', () => {
  it('keeps a short text whole', () => {
    expect(splitText('一\n二')).toEqual(['一\n二']);
  });

  it('splits at line ends into parts within the byte limit, losing nothing', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `2026-建-${String(i).padStart(4, '0')}“关于增设城关镇公交站点的建议”交办期限 2026年12月8日`);
    const parts = splitText(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts a single overlong line by characters', () => {
    const parts = splitText('建'.repeat(1000), 300);
    expect(parts.every((p) => Buffer.byteLength(p) <= 300)).toBe(true);
    expect(parts.join('')).toBe('建'.repeat(1000));
  });
});
