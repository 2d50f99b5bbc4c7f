// A national report's CSV went out as one string of ~180 MB (2–3 GB peak): the formatter now yields it a line
// at a time; joined, the pieces are the one-string form byte for byte.
import { describe, expect, it } from 'vitest';
import { assess } from '../src/assess.js';
import { formatter, renderCsv } from '../src/render/csv.js';
import { builtInProfile } from '../src/profiles/index.js';

describe('csv format in pieces', () => {
  it('yields lines, not one string, and joins to renderCsv exactly', async () => {
    const report = await assess(['fixtures/demo-county.xlsx']);
    const out = await formatter.render(report, { color: false, quiet: false });
    expect(typeof out).not.toBe('string');
    const pieces = [...(out as Iterable<string>)];
    expect(pieces.length).toBeGreaterThan(20);
    const whole = renderCsv(report, builtInProfile(report.standard));
    expect(pieces.join('')).toBe(whole);
    expect(whole.startsWith('\uFEFF')).toBe(true);
    expect(whole.endsWith('\r\n')).toBe(true);
    expect(whole).toContain('\r\n\r\n');
  });
});
