// Subtotal, total, note and signature rows (issue 12): recognised by a pattern anchored at the start or the end
// of a cell, never anywhere in it, so that 小学小计 and 青石县合计 are skipped but a school named 合计村小学 is not.
import type { Cell } from '../read/index.js';

/** …小计, …合计, …总计 at the end (小学小计, 青石县合计, 全市合计). */
const TOTAL_END = /(?:小计|合计|总计)$/;
/** 合计 / 总计 / 小计 alone at the start, or followed by a separator or bracket (合计：, 总计(不含特教)). */
const TOTAL_START = /^(?:小计|合计|总计)(?:$|[:(（[\d-])/;
/** 全县/全市/全区/全镇/全乡/全旗/全省 … (a whole-area row). */
const AREA_START = /^全(?:县|市|区|镇|乡|旗|省)/;
/** Notes and signatures: 备注, 说明, 注:, 填表人, 审核人, 联系电话, 负责人, 制表, 填报日期 … */
const NOTE_START =
  /^(?:备注|说明|注[:：]|填表人|填报人|审核人|审核|联系电话|联系人|负责人|单位负责人|统计负责人|制表|填报日期|填表日期|报出日期|校长签字)/;
/** A section heading of the list: 一、小学, 二．初中 (a numbered heading, never a school's name). */
const SECTION_START = /^[一二三四五六七八九十]+[、.．]/;
/** Characters the patterns start with, and the one they end with: most cells are rejected on one character. */
const FIRST = new Set([...'小合总全备说注填审联负单统制报校一二三四五六七八九十']);

/** The cell names a subtotal, total, note or signature row. */
export function isSummaryText(c: Cell): boolean {
  if (typeof c !== 'string' || c === '') return false;
  const c0 = c.charCodeAt(0);
  if (c0 > 0x20 && c0 < 0x7f) return false; // every pattern starts with a CJK character
  const trimmed = c.trim();
  if (trimmed.charAt(trimmed.length - 1) !== '计' && !FIRST.has(trimmed.charAt(0))) return false;
  const t = trimmed.replace(/\s/g, '');
  return TOTAL_END.test(t) || TOTAL_START.test(t) || AREA_START.test(t) || NOTE_START.test(t) || SECTION_START.test(t);
}

/** Ideographs that NFKC and trim leave alone (the unified block, without the compatibility ones). */
const unified = (code: number) => code >= 0x4e00 && code <= 0x9fff;
/**
 * A raw cell's text that no pattern can match once cleaned, told from two characters: its first and last are
 * unified ideographs (cleaning keeps both) that no pattern starts or ends with. Most school names are.
 */
export function plainlyNoSummary(raw: string): boolean {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return unified(first) && unified(last) && !FIRST.has(raw.charAt(0)) && raw.charAt(raw.length - 1) !== '计';
}
