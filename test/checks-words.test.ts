// issue 10 (checks): standard-specific prose filled from the profile, never literals.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { renderTemplate } from '../src/render/template.js';
import { profileFrom } from '../src/profiles/load.js';
import { builtInProfile } from '../src/profiles/index.js';
import { countWord } from '../src/i18n/messages.js';

const notes = async (p: Parameters<typeof renderTemplate>[0]) => {
  const wb = XLSX.read(await renderTemplate(p), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['说明']!, { header: 1 });
  return (key: string) => rows.find((r) => r[2] === key)?.[6] ?? '';
};

describe('template notes take the numbers of the profile', () => {
  it('split weights, the visiting-teacher range and classes per room of a derived profile', async () => {
    const p = profileFrom(
      {
        extends: 'quality-2017',
        splitWeights: { primary: 1, junior: 1.2, senior: 1.5 },
        visitingPeArt: { locales: ['rural'], minStudents: 40, maxStudents: 120 },
        specialRooms: { classesPerRoom: 10 },
      },
      'p.json',
    );
    const note = await notes(p);
    expect(note('level')).toBe('单学段学校可不填；多学段学校每个学段一行，共用设施可写在「全校」行，按 1:1.2:1.5 拆分');
    expect(note('locale')).toBe('40–120 人的乡村学校可计走教体育艺术教师');
    expect(note('classes')).toBe('用于音乐、美术专用教室（每 10 个班 1 间）');
  });

  it('quality-2017 keeps its words; basic-2012 (no visiting teachers, no room rule) says nothing of them', async () => {
    const q = await notes(builtInProfile('quality-2017'));
    expect(q('level')).toContain('按 1:1.1:1.32 拆分');
    expect(q('locale')).toBe('50–99 人的乡村学校可计走教体育艺术教师');
    expect(q('classes')).toBe('用于音乐、美术专用教室（每 12 个班 1 间）');
    const b = await notes(builtInProfile('basic-2012'));
    expect(b('locale')).toBe('');
    expect(b('classes')).toBe('');
  });
});

describe('countWord', () => {
  it.each([
    [7, '七', '7'],
    [8, '八', '8'],
    [10, '十', '10'],
    [12, '十二', '12'],
    [20, '二十', '20'],
    [35, '三十五', '35'],
    [100, '100', '100'],
  ])('%i → %s / %s', (n, zh, en) => {
    expect(countWord('zh', n)).toBe(zh);
    expect(countWord('en', n)).toBe(en);
  });
});
