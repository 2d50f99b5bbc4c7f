// issue 16: when the Windows executable was started by dropping files on it (src/drop.ts), and where the report goes.
import { describe, expect, it } from 'vitest';
import { dropReportPath, isDropLaunch } from '../src/drop.js';

const files = new Set(['C:\\数据\\青石县 2024.xlsx', 'C:\\数据\\班级.csv', '\\\\server\\share\\县.xlsx', 'rel.xlsx']);
const win = (env: Record<string, string | undefined> = {}) => ({
  platform: 'win32',
  env,
  exists: (p: string) => files.has(p),
});

describe('isDropLaunch', () => {
  it('Explorer: full Windows paths of existing files, no options, no PROMPT', () => {
    expect(isDropLaunch(['C:\\数据\\青石县 2024.xlsx'], win())).toBe(true);
    expect(isDropLaunch(['C:\\数据\\青石县 2024.xlsx', 'C:\\数据\\班级.csv'], win())).toBe(true);
    expect(isDropLaunch(['\\\\server\\share\\县.xlsx'], win())).toBe(true);
  });

  it('cmd.exe (PROMPT set), an option, a relative or missing path, no argument: the plain CLI', () => {
    expect(isDropLaunch(['C:\\数据\\青石县 2024.xlsx'], win({ PROMPT: '$P$G' }))).toBe(false);
    expect(isDropLaunch(['C:\\数据\\青石县 2024.xlsx', '-f', 'text'], win())).toBe(false);
    expect(isDropLaunch(['rel.xlsx'], win())).toBe(false);
    expect(isDropLaunch(['C:\\数据\\没有.xlsx'], win())).toBe(false);
    expect(isDropLaunch([], win())).toBe(false);
  });

  it('other systems only when forced; BALANCE_CHECK_DROP=0 turns it off on Windows', () => {
    const linux = { platform: 'linux', env: {}, exists: () => true };
    expect(isDropLaunch(['/tmp/a.xlsx'], linux)).toBe(false);
    expect(isDropLaunch(['/tmp/a.xlsx'], { ...linux, env: { BALANCE_CHECK_DROP: '1' } })).toBe(true);
    expect(isDropLaunch(['/tmp/a.xlsx', '--lang', 'en'], { ...linux, env: { BALANCE_CHECK_DROP: '1' } })).toBe(false);
    expect(isDropLaunch(['C:\\数据\\青石县 2024.xlsx'], win({ BALANCE_CHECK_DROP: '0' }))).toBe(false);
  });
});

describe('dropReportPath', () => {
  it('beside the input, named after it, numbered rather than overwriting', () => {
    const taken = new Set<string>();
    const path = () => dropReportPath('/县/青石县 2024.xlsx', (p) => taken.has(p));
    expect(path()).toBe('/县/青石县 2024-评估结果.xlsx');
    taken.add('/县/青石县 2024-评估结果.xlsx');
    expect(path()).toBe('/县/青石县 2024-评估结果 (2).xlsx');
    taken.add('/县/青石县 2024-评估结果 (2).xlsx');
    expect(path()).toBe('/县/青石县 2024-评估结果 (3).xlsx');
  });

  it('never the input itself, even for an input named like a report', () => {
    const input = '/县/a-评估结果.xlsx';
    expect(dropReportPath(input, (p) => p === input)).toBe('/县/a-评估结果-评估结果.xlsx');
  });
});
