// issue 14: two assessment reports compared county by county (year over year). Pure; `worse` lists, as ids,
// every judgement that got worse: the CI gate exits 1 on any.
import type { County, Report } from '../report/schema.js';
import type { DiffCounty } from './report.js';

const RANK: Record<string, number> = { pass: 0, fail: 1, incomplete: 2 };
const wentBad = (was: boolean | null | undefined, now: boolean | null | undefined) => was === true && now === false;

export function diffReports(was: Report, now: Report): DiffCounty[] {
  const names = [...new Set([...was.counties.map((c) => c.county), ...now.counties.map((c) => c.county)])];
  return names.map((name) =>
    diffCounty(
      name,
      was.counties.find((c) => c.county === name),
      now.counties.find((c) => c.county === name),
    ),
  );
}

export function diffCounty(county: string, a: County | undefined, b: County | undefined): DiffCounty {
  const worse: string[] = [];
  const verdict = { was: a?.verdict ?? null, now: b?.verdict ?? null };
  if (a && b && (RANK[b.verdict] ?? 0) > (RANK[a.verdict] ?? 0)) worse.push('verdict');
  const levels = (a ?? b)!.levels.map((l) => {
    const la = a?.levels.find((x) => x.level === l.level);
    const lb = b?.levels.find((x) => x.level === l.level);
    const ids = (la ?? lb)!.indicators.map((i) => i.id);
    return {
      level: l.level,
      indicators: ids.map((id) => {
        const ia = la?.indicators.find((i) => i.id === id);
        const ib = lb?.indicators.find((i) => i.id === id);
        if (wentBad(ia?.pass, ib?.pass)) worse.push(`cv:${l.level}:${id}`);
        return {
          id,
          cv: { was: ia?.cv ?? null, now: ib?.cv ?? null },
          mean: { was: ia?.mean ?? null, now: ib?.mean ?? null },
          limit: ib?.cvLimit ?? ia?.cvLimit ?? null,
          passWas: ia?.pass ?? null,
          passNow: ib?.pass ?? null,
        };
      }),
    };
  });
  const checks = (b ?? a)!.checks.map((c) => {
    const ca = a?.checks.find((x) => x.id === c.id);
    const cb = b?.checks.find((x) => x.id === c.id);
    if (wentBad(ca?.pass, cb?.pass)) worse.push(`check:${c.id}`);
    return { id: c.id, was: ca?.pass ?? null, now: cb?.pass ?? null };
  });
  const unitKey = (u: { code: string; level: string }) => `${u.code}\u0000${u.level}`;
  const before = new Map((a?.units ?? []).map((u) => [unitKey(u), u]));
  const after = new Map((b?.units ?? []).map((u) => [unitKey(u), u]));
  const units: DiffCounty['units'] = [];
  const classes: DiffCounty['classes'] = [];
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const ua = before.get(k);
    const ub = after.get(k);
    const u = (ub ?? ua)!;
    // Units of both years whose verdict or any indicator value changed; new and gone units are schools added/removed.
    if (ua && ub) {
      const indicators = ub.indicators
        .map((ib) => {
          const ia = ua.indicators.find((x) => x.id === ib.id);
          return { id: ib.id, was: ia?.value ?? null, now: ib.value, metWas: ia?.met ?? null, metNow: ib.met };
        })
        .filter((i) => i.was !== i.now || i.metWas !== i.metNow);
      if (indicators.length || ua.pass !== ub.pass) {
        units.push({ code: u.code, name: u.name, level: u.level, was: ua.pass, now: ub.pass, indicators });
        if (wentBad(ua.pass, ub.pass)) worse.push(`unit:${u.code}:${u.level}`);
        for (const i of indicators) if (wentBad(i.metWas, i.metNow)) worse.push(`unit:${u.code}:${u.level}:${i.id}`);
      }
    } else if (ub?.pass === false) worse.push(`unit:${u.code}:${u.level}`);
    const large = { was: ua?.classSize?.large ?? null, now: ub?.classSize?.large ?? null };
    const superLarge = { was: ua?.classSize?.superLarge ?? null, now: ub?.classSize?.superLarge ?? null };
    if (large.was !== large.now || superLarge.was !== superLarge.now) {
      classes.push({ code: u.code, name: u.name, level: u.level, large, superLarge });
      if ((large.now ?? 0) > (large.was ?? 0) || (superLarge.now ?? 0) > (superLarge.was ?? 0))
        worse.push(`classes:${u.code}:${u.level}`);
    }
  }
  const schools = (c: County | undefined) => new Map((c?.units ?? []).map((u) => [u.code, u.name]));
  const sa = schools(a);
  const sb = schools(b);
  const schoolsAdded = [...sb].filter(([code]) => !sa.has(code)).map(([code, name]) => ({ code, name }));
  const schoolsRemoved = [...sa].filter(([code]) => !sb.has(code)).map(([code, name]) => ({ code, name }));
  if (!b) worse.push('county-removed');
  return {
    county,
    status: a && b ? 'both' : a ? 'removed' : 'added',
    verdict,
    levels,
    checks,
    units,
    schoolsAdded,
    schoolsRemoved,
    classes,
    worse: [...new Set(worse)],
  };
}
