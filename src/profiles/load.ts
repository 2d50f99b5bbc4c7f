// Profile files: `{ "extends": "quality-2017", …overrides }`, merged onto a built-in profile and validated.
import { FatalError } from '../findings.js';
import { readConfigJson } from '../read/safe.js';
import { BUILT_IN, DEFAULT_STANDARD } from './index.js';
import { z } from 'zod';
import { Profile } from './schema.js';
import { labelOf } from '../i18n/messages.js';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (v: Json): v is { id: string }[] =>
  Array.isArray(v) && v.every((x) => isObject(x) && typeof x.id === 'string');

/** Read, merge and validate a profile file; every problem is a FatalError naming the bad key. */
export function loadProfile(file: string, fallbackBase: string = DEFAULT_STANDARD): Profile {
  // A regular file of at most 1 MiB; not JSON → its position only, never its content.
  return profileFrom(readConfigJson(file, 'profile'), file, fallbackBase);
}

export function profileFrom(json: Json, file: string, fallbackBase: string = DEFAULT_STANDARD): Profile {
  if (!isObject(json)) throw new FatalError('bad-profile', { file, key: '(root)', reason: 'not-object' });
  let { extends: baseId = fallbackBase, description: _d, $schema: _s, ...overrides } = json;
  if (typeof baseId !== 'string' || !BUILT_IN[baseId]) {
    throw new FatalError('bad-profile', {
      file,
      key: 'extends',
      reason: 'unknown-extends',
      known: Object.keys(BUILT_IN).join(', '),
    });
  }
  const base = BUILT_IN[baseId]!;
  // "cvRounding" (the name the scale issue uses) is cv.rounding.
  if ('cvRounding' in overrides) {
    const { cvRounding, ...rest } = overrides;
    overrides = { ...rest, cv: { ...(isObject(rest.cv) ? rest.cv : {}), rounding: cvRounding } };
  }
  const merged = merge(base, overrides, [], file) as Record<string, Json>;
  if (!('id' in overrides)) merged.id = `${base.id}+custom`;
  const res = Profile.safeParse(merged);
  if (res.success) return withScopeWords(res.data, file);
  const issue = res.error.issues[0]!;
  const path = readablePath(merged, issue.path as (string | number)[]);
  const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
  const key = [path, keys[0]].filter(Boolean).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') throw new FatalError('bad-profile', { file, key, reason: 'unknown-key' });
  // issue 10 (checks): a cross-reference the registry does not know (parts[].checks, countyItems[].check).
  const params = issue.code === 'custom' ? (issue as { params?: Record<string, string> }).params : undefined;
  if (params?.reason) throw new FatalError('bad-profile', { file, key, ...params });
  // zod's words in both languages; the Chinese ones only made on this error path, for this parse only.
  const zh = Profile.safeParse(merged, { error: zhError });
  throw new FatalError('bad-profile', {
    file,
    key,
    reason: issue.message,
    'reason@zh': (!zh.success && zh.error.issues[0]?.message) || issue.message,
  });
}

/** issue 10 (checks): a scope reason of the profile's own needs its words (label), or it would print as a key. */
function withScopeWords(p: Profile, file: string): Profile {
  for (const [i, r] of p.scope.entries()) {
    if (!r.label && labelOf('zh', 'reason.', r.reason) === undefined) {
      throw new FatalError('bad-profile', {
        file,
        key: `scope.${i}.label`,
        reason: 'scope-label-missing',
        value: r.reason,
      });
    }
  }
  return p;
}

// issue 10 (checks): zod's zh-CN locale leaves type names and origins in English ("期望 number"): these are words.
const ZH_TYPES: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文本',
  boolean: 'true 或 false',
  object: '对象（{…}）',
  array: '列表（[…]）',
  null: '空值（null）',
  undefined: '（缺少此项）',
  nan: '非数字',
  bigint: '整数',
};
const zhType = (t: unknown) => ZH_TYPES[String(t)] ?? String(t);
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isNaN(v) ? 'nan' : typeof v);
const zhLocale = z.locales.zhCN().localeError;

function zhError(issue: z.core.$ZodRawIssue): ReturnType<typeof zhLocale> {
  const i = issue as unknown as Record<string, unknown>;
  const n = (x: unknown) => String(x);
  switch (issue.code) {
    case 'invalid_type':
      return `类型错误：应为${zhType(i.expected)}，实际为${zhType(typeOf(i.input))}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? i.minimum : i.maximum;
      const sign = small ? (i.inclusive ? '≥' : '>') : i.inclusive ? '≤' : '<';
      if (i.origin === 'array') return `${small ? '项数过少' : '项数过多'}：应 ${sign} ${n(bound)} 项`;
      if (i.origin === 'string') return `${small ? '文本过短' : '文本过长'}：应 ${sign} ${n(bound)} 个字符`;
      return `${small ? '数值过小' : '数值过大'}：应 ${sign} ${n(bound)}`;
    }
    case 'invalid_format':
      return `格式不符：应符合 ${n(i.pattern ?? i.format)}`;
    case 'invalid_union':
      return i.discriminator ? `${n(i.discriminator)} 的值无效` : '不符合任何一种允许的写法';
    default:
      return zhLocale(issue);
  }
}

/**
 * Objects merge key by key; a list of things with ids (indicators, county items) takes an object keyed by id
 * that changes only those entries; anything else replaces what was there.
 */
function merge(base: Json, over: Json, path: string[], file: string): Json {
  if (hasIds(base) && isObject(over)) {
    const out = base.map((x) => ({ ...x }));
    for (const [id, change] of Object.entries(over)) {
      const i = out.findIndex((x) => x.id === id);
      if (i < 0)
        throw new FatalError('bad-profile', {
          file,
          key: [...path, id].join('.'),
          reason: 'unknown-id',
          known: out.map((x) => x.id).join(', '),
        });
      out[i] = merge(out[i], change, [...path, id], file) as { id: string };
    }
    return out;
  }
  if (isObject(base) && isObject(over)) {
    const out: Record<string, Json> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v, [...path, k], file) : v;
    return out;
  }
  return over;
}

/** A zod path with list indexes replaced by the entry's id where it has one: indicators.3.standard → indicators.books_per_pupil.standard. */
function readablePath(root: Json, path: (string | number)[]): string {
  const parts: string[] = [];
  let node: Json = root;
  for (const p of path) {
    if (
      typeof p === 'number' &&
      Array.isArray(node) &&
      isObject(node[p]) &&
      typeof (node[p] as { id?: unknown }).id === 'string'
    ) {
      parts.push((node[p] as { id: string }).id);
    } else parts.push(String(p));
    node = Array.isArray(node) || isObject(node) ? (node as Record<string, Json>)[p as string] : undefined;
  }
  return parts.join('.');
}
