// issue 10 (checks), end to end through the built CLI: profile cross-references checked against the check
// registry, profile errors in the user's language, a profile's own scope reasons in words, the CV count from
// the profile, and the report's meta block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, expectOneLineNoStack, run, runJson, tempDir } from './helpers.js';

const BASIC = 'fixtures/basic-county.xlsx';
let tmp: string;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});
const profile = (name: string, json: unknown) => {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
};
const KNOWN = 'cv, composite, per-school, class-size, school-size, special-rooms, staffing';
const QUALITY_PARTS = [
  { id: 'resources', name: { zh: '资源配置', en: 'Resource allocation' }, checks: ['cv', 'per-shcool'] },
  { id: 'government', name: { zh: '政府保障程度', en: 'Government guarantee' }, checks: [] },
];

describe('profile cross-references are checked against the check registry (exit 3, one line)', () => {
  it('a part naming per-shcool: exit 3 naming the path, the unknown id and the known ones', () => {
    const file = profile('misspelt-part.json', { extends: 'quality-2017', parts: QUALITY_PARTS });
    const zh = run([DEMO, '--profile', file]);
    expect(zh.status).toBe(3);
    expectOneLineNoStack(zh.stderr);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toBe(
      `balance-check: 标准配置文件 ${file} 有误：parts.resources.checks.1：没有检查「per-shcool」；已有：${KNOWN}\n`,
    );
    const en = run([DEMO, '--profile', file, '--lang', 'en']);
    expect(en.status).toBe(3);
    expect(en.stderr).toBe(
      `balance-check: Bad profile ${file}: parts.resources.checks.1: no check "per-shcool"; known: ${KNOWN}\n`,
    );
  });

  it('a computed county item naming an unknown check: exit 3 naming countyItems.<id>.check', () => {
    const file = profile('misspelt-item.json', {
      extends: 'quality-2017',
      countyItems: { class_size: { check: 'class-sise' } },
    });
    const r = run([DEMO, '--profile', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: 标准配置文件 ${file} 有误：countyItems.class_size.check：没有检查「class-sise」；已有：${KNOWN}\n`,
    );
  });

  it('county items are a union on kind: a min item needs a threshold, a computed item a check', () => {
    const noThreshold = profile('no-threshold.json', {
      extends: 'quality-2017',
      countyItems: { social_recognition: { threshold: null } },
    });
    const r1 = run([DEMO, '--profile', noThreshold, '--lang', 'en']);
    expect(r1.status).toBe(3);
    expect(r1.stderr).toBe(
      `balance-check: Bad profile ${noThreshold}: countyItems.social_recognition.threshold: Invalid input: expected number, received null\n`,
    );
    const items = [
      {
        id: 'planned',
        part: 'government',
        name: { zh: '规划', en: 'Planned' },
        aliases: [],
        kind: 'computed',
        threshold: null,
        unit: 'none',
      },
    ];
    const noCheck = profile('no-check.json', { extends: 'quality-2017', countyItems: items });
    const r2 = run([DEMO, '--profile', noCheck]);
    expect(r2.status).toBe(3);
    expect(r2.stderr).toBe(
      `balance-check: 标准配置文件 ${noCheck} 有误：countyItems.planned.check：类型错误：应为文本，实际为（缺少此项）\n`,
    );
  });
});

describe('profile (zod) errors in the user language', () => {
  it('zh has no English zod words; --lang en has zod’s English', () => {
    const file = profile('bad.json', { extends: 'quality-2017', perSchool: { minMet: 'x', floorRatio: 0.85 } });
    const zh = run([DEMO, '--profile', file]);
    expect(zh.status).toBe(3);
    expect(zh.stderr).toBe(
      `balance-check: 标准配置文件 ${file} 有误：perSchool.minMet：类型错误：应为数字，实际为文本\n`,
    );
    // Past the path and the key, nothing Latin: no "Invalid input", no "expected number".
    expect(zh.stderr.split('perSchool.minMet')[1]).not.toMatch(/[A-Za-z]/);
    const en = run([DEMO, '--profile', file, '--lang', 'en']);
    expect(en.status).toBe(3);
    expect(en.stderr).toBe(
      `balance-check: Bad profile ${file}: perSchool.minMet: Invalid input: expected number, received string\n`,
    );
  });

  it('a bound in zh words', () => {
    const file = profile('bound.json', { extends: 'quality-2017', perSchool: { minMet: -1, floorRatio: 0.85 } });
    const r = run([DEMO, '--profile', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`balance-check: 标准配置文件 ${file} 有误：perSchool.minMet：数值过小：应 ≥ 0\n`);
  });
});

describe('a profile’s own scope reason prints in its words, never as reason.<key>', () => {
  const scope = [
    { reason: 'special-education', types: ['special_education'] },
    {
      reason: 'small-rural',
      studentsBelow: 150,
      label: { zh: '不足150人的小规模学校', en: 'small school under 150 pupils' },
    },
  ];
  it('text in zh and en, and the JSON meta block', () => {
    const file = profile('scope.json', { extends: 'quality-2017', scope });
    const zh = run([DEMO, '--profile', file]);
    expect(zh.stdout).not.toContain('reason.');
    expect(zh.stdout).toMatch(/│ 柳河镇王庄小学 +│ 145 +│ 不足150人的小规模学校 │/);
    const en = run([DEMO, '--profile', file, '--lang', 'en']);
    expect(en.stdout).not.toContain('reason.');
    expect(en.stdout).toMatch(/│ 柳河镇王庄小学 +│ 145 +│ small school under 150 pupils │/);
    const j = runJson([DEMO, '--profile', file]);
    expect(j.json.counties[0].excluded.find((e: any) => e.name === '柳河镇王庄小学').reason).toBe('small-rural');
    expect(j.json.meta.scopeReasons).toEqual([
      { id: 'special-education', label: { zh: '特殊教育学校', en: 'special-education school' } },
      { id: 'small-rural', label: scope[1]!.label },
    ]);
  });

  it('a reason of its own without words fails loading: exit 3 naming scope.<n>.label', () => {
    const file = profile('scope-nolabel.json', {
      extends: 'quality-2017',
      scope: [{ reason: 'small-rural', studentsBelow: 150 }],
    });
    const r = run([DEMO, '--profile', file, '--lang', 'en']);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: Bad profile ${file}: scope.0.label: the scope reason "small-rural" has no words: add "label": {"zh": "…", "en": "…"}\n`,
    );
  });
});

describe('counts of CVs come from the profile', () => {
  it('a basic-2012 profile without the composite prints the mean of its eight CVs as 八项 / 8', () => {
    const file = profile('basic-nocomposite.json', { extends: 'basic-2012', cv: { composite: null } });
    const zh = run([BASIC, '--profile', file]);
    expect(zh.stdout).toContain('\n八项差异系数平均 0.541（仅供参考，不作判定）\n');
    expect(zh.stdout).not.toContain('七项');
    const en = run([BASIC, '--profile', file, '--lang', 'en']);
    expect(en.stdout).toContain('\nMean of the 8 CVs 0.541 (information only, not judged)\n');
  });

  it('quality-2017 (seven CVs) says 七项; basic-2012 names its composite 八项平均', () => {
    expect(run([DEMO]).stdout).toContain('\n七项差异系数平均 0.181（仅供参考，不作判定）\n');
    expect(run([BASIC, '--standard', 'basic-2012']).stdout).toMatch(/│ 综合差异系数（八项平均） +│/);
    expect(run([BASIC, '--standard', 'basic-2012', '--lang', 'en']).stdout).toMatch(/│ Composite CV \(mean of 8\) +│/);
  });
});

describe('definitions take the profile’s split weights', () => {
  it('explain books_per_pupil under a profile with weights 1 : 1.2 : 1.5 says so, the built-in 1 : 1.1 : 1.32', () => {
    const file = profile('weights.json', {
      extends: 'basic-2012',
      splitWeights: { primary: 1, junior: 1.2, senior: 1.5 },
    });
    const zh = run(['explain', 'books_per_pupil', '--profile', file]);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('\n定义：图书册数 ÷ 在校生数；多学段学校的全校藏书按 1 : 1.2 : 1.5 拆分。\n');
    const en = run(['explain', 'books_per_pupil', '--lang', 'en']);
    expect(en.stdout).toContain('\nDefinition: Books ÷ pupils; split 1 : 1.1 : 1.32 in multi-level schools.\n');
    expect(en.stdout).not.toContain('{weights}');
  });
});

describe('report.meta: the words of every id, so a reader needs no profile', () => {
  it('standard, indicators, checks, parts, items and scope reasons in zh and en; the v1 names unchanged', () => {
    const r = runJson([DEMO]);
    const meta = r.json.meta;
    expect(meta.standard).toEqual({
      id: 'quality-2017',
      name: { zh: '县域义务教育优质均衡发展督导评估', en: 'County quality-balance assessment' },
      document: {
        zh: '教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》',
        en: '教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》',
      },
    });
    expect(meta.indicators[0]).toEqual({
      id: 'qualified_teachers_per100',
      name: { zh: '每百名学生拥有高于规定学历教师数', en: 'Teachers above required qualification per 100 pupils' },
      short: { zh: '高学历教师', en: 'Qualified' },
      unit: { zh: '人', en: 'teachers' },
      decimals: 2,
    });
    expect(meta.checks.map((c: any) => c.id)).toEqual(r.json.counties[0].checks.map((c: any) => c.id));
    expect(meta.checks.find((c: any) => c.id === 'per-school')).toEqual({
      id: 'per-school',
      name: { zh: '学校达标（≥6项，其余≥85%）', en: 'Schools (≥ 6 met, rest ≥ 85%)' },
      binding: true,
    });
    expect(meta.parts.map((p: any) => p.name.zh)).toEqual(['资源配置', '政府保障程度', '教育质量', '社会认可度']);
    expect(meta.countyItems.find((i: any) => i.id === 'social_recognition')).toEqual({
      id: 'social_recognition',
      part: 'recognition',
      name: { zh: '社会认可度', en: 'Social recognition' },
    });
    expect(meta.scopeReasons.map((s: any) => s.id)).toEqual([
      'special-education',
      'vocational',
      'teaching-point-under-50',
    ]);
    // v1 fields stay, in the report's language.
    expect(r.json.standardName).toBe('县域义务教育优质均衡发展督导评估');
    expect(r.json.counties[0].parts.map((p: any) => p.name)).toEqual([
      '资源配置',
      '政府保障程度',
      '教育质量',
      '社会认可度',
    ]);
    const en = runJson([DEMO, '--lang', 'en']);
    expect(en.json.counties[0].parts.map((p: any) => p.name)).toEqual([
      'Resource allocation',
      'Government guarantee',
      'Education quality',
      'Social recognition',
    ]);
    expect(en.json.meta).toEqual(meta);
  });
});
