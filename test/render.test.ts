import { describe, it, expect } from 'vitest';
import { against, fixed } from '../src/render/format.js';
import { displayWidth, renderText } from '../src/render/text.js';
import { workbook, goodPrimary } from './helpers.js';
import { assess } from '../src/assess.js';
import { builtInProfile } from '../src/profiles/index.js';

describe('display rounding never hides a failure', () => {
  it('a CV of 0.50018 against 0.50 prints 0.5002, not 0.500', () => {
    expect(fixed(0.50018, 3)).toBe('0.500');
    expect(against(0.50018, 3, 0.5, 'max', false)).toBe('0.5002');
  });
  it('a per-pupil value of 4.4999 against 4.5 prints 4.4999, not 4.50', () => {
    expect(against(4.4999, 2, 4.5, 'min', false)).toBe('4.4999');
  });
  it('passing values keep the usual decimals', () => {
    expect(against(0.4996, 3, 0.5, 'max', true)).toBe('0.500');
    expect(against(2345.6, 0, 2000, 'min', true)).toBe('2346');
  });
});

describe('text report', () => {
  it('aligns tables with Chinese text: every line of a table has the same display width', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile('fixtures/demo-county.xlsx');
    const report = await assess([{ path: 'demo-county.xlsx', bytes }]);
    const text = renderText(report, builtInProfile('quality-2017'), { color: false });
    const tables = text.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(tables.length).toBeGreaterThan(50);
    // Consecutive table lines belong to one table until a └ line closes it.
    let width: number | undefined;
    for (const line of tables) {
      if (line.startsWith('┌')) width = displayWidth(line);
      expect(displayWidth(line)).toBe(width);
    }
  });

  it('has no colour codes when colour is off, and has them when on', async () => {
    const wb = workbook([goodPrimary('3301000001', 500), goodPrimary('3301000002', 600)]);
    const { assessWorkbook } = await import('../src/assess.js');
    const profile = builtInProfile('quality-2017');
    const { counties } = assessWorkbook(wb, profile, { county: '测试县' });
    const report = { ...(await assess([])), counties };
    expect(renderText(report, profile, { color: false })).not.toMatch(/\x1b\[/);
    expect(renderText(report, profile, { color: true })).toMatch(/\x1b\[/);
  });
});

describe('json in pieces', () => {
  it('joins to exactly the compact JSON of the report', async () => {
    const { renderJsonChunks } = await import('../src/render/json.js');
    const { readFile } = await import('node:fs/promises');
    const report = await assess([{ path: 'demo-county.xlsx', bytes: await readFile('fixtures/demo-county.xlsx') }]);
    expect([...renderJsonChunks(report)].join('')).toBe(JSON.stringify(report) + '\n');
  });
});
