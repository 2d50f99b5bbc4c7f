// Profile files: `{ "extends": "quality-2017", …overrides }`, merged onto a built-in profile and validated.
import { FatalError } from '../findings.js';
import { readConfigJson } from '../read/safe.js';
import { BUILT_IN, DEFAULT_STANDARD } from './index.js';
import { z } from 'zod';
import { Profile } from './schema.js';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (v: Json): v is { id: string }[] => Array.isArray(v) && v.every((x) => isObject(x) && typeof x.id === 'string');

/** Read, merge and validate a profile file; every problem is a FatalError naming the bad key. */
export function loadProfile(file: string, fallbackBase: string = DEFAULT_STANDARD): Profile {
  // A regular file of at most 1 MiB; not JSON → its position only, never its content.
  return profileFrom(readConfigJson(file, 'profile'), file, fallbackBase);
}

export function profileFrom(json: Json, file: string, fallbackBase: string = DEFAULT_STANDARD): Profile {
  if (!isObject(json)) throw new FatalError('bad-profile', { file, key: '(root)', reason: 'not-object' });
  let { extends: baseId = fallbackBase, description: _d, $schema: _s, ...overrides } = json;
  if (typeof baseId !== 'string' || !BUILT_IN[baseId]) {
    throw new FatalError('bad-profile', { file, key: 'extends', reason: 'unknown-extends', known: Object.keys(BUILT_IN).join(', ') });
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
  if (res.success) return res.data;
  const issue = res.error.issues[0]!;
  const path = readablePath(merged, issue.path as (string | number)[]);
  const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
  const key = [path, keys[0]].filter(Boolean).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') throw new FatalError('bad-profile', { file, key, reason: 'unknown-key' });
  // zod's words in both languages; the Chinese ones (zod's zh-CN locale) only made on this error path.
  const zh = Profile.safeParse(merged, { error: z.locales.zhCN().localeError });
  throw new FatalError('bad-profile', { file, key, reason: issue.message, 'reason@zh': (!zh.success && zh.error.issues[0]?.message) || issue.message });
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
      if (i < 0) throw new FatalError('bad-profile', { file, key: [...path, id].join('.'), reason: 'unknown-id', known: out.map((x) => x.id).join(', ') });
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
    if (typeof p === 'number' && Array.isArray(node) && isObject(node[p]) && typeof (node[p] as { id?: unknown }).id === 'string') {
      parts.push((node[p] as { id: string }).id);
    } else parts.push(String(p));
    node = Array.isArray(node) || isObject(node) ? (node as Record<string, Json>)[p as string] : undefined;
  }
  return parts.join('.');
}
