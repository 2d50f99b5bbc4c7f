// issue 12: the county's name from the title rows above a table's header, for files without a 县区 column:
// `青石县2024学年义务教育学校办学条件统计表` → 青石县, `填报单位：青石县教育局` → 青石县.
import type { RawRow } from '../read/index.js';

const COUNTY_END = '(?:自治县|自治旗|县|区|市|旗)';
/** An education office after the county's name in a title or a 填报单位 cell. */
const OFFICE = '(?:教育和体育局|教育体育局|教育科学技术局|教育局|教体局|文教局|教育委员会|人民政府|政府)';
/** 青石县[教育局]2024学年… / 青石县义务教育… / 青石县（2024年）… */
const TITLE = new RegExp(
  `^(?:\\d{4}\\s*(?:学年度|学年|年度|年)?\\s*)?(\\S{2,30}?${COUNTY_END})${OFFICE}?\\s*[（(]?\\s*(?:\\d{4}|[〇零一二三四五六七八九]{4}|义务教育)`,
);
/** 填报单位：青石县教育局 (also 填表单位, 报送单位, with a （盖章） between). */
const FILER = new RegExp(
  `(?:填报|填表|报送|统计)单位\\s*(?:[（(][^）)]*[）)])?\\s*[:：]\\s*(\\S{2,30}?${COUNTY_END})(?:${OFFICE}|\\s|$)`,
);
/** Levels above a county, dropped from the front: 某某省某某市青石县 → 青石县. */
const ABOVE = /^\S+?(?:省|自治区|特别行政区|市|自治州|州|盟|地区)(?=\S+(?:县|区|市|旗)$)/;
const CJK_NAME = /^[\u4e00-\u9fff]{2,20}$/;

/** The county named in the rows above a header, with its Excel row; undefined when none names one. */
export function titleCounty(rows: RawRow[]): { name: string; row: number } | undefined {
  for (const r of rows) {
    for (const cell of r.cells) {
      if (typeof cell !== 'string') continue;
      const text = cell.normalize('NFKC').trim();
      if (text.length < 3) continue;
      const m = FILER.exec(text) ?? TITLE.exec(text);
      if (!m?.[1]) continue;
      let name = m[1];
      for (let k = 0; k < 3; k++) {
        const above = ABOVE.exec(name);
        if (!above) break;
        name = name.slice(above[0].length);
      }
      // A province or a region is not a county, nor 全县/本区; only plain Chinese names are taken.
      if (!CJK_NAME.test(name) || /(?:省|自治区)$/.test(name) || /^[全本各我该][县区市旗]$/.test(name)) continue;
      return { name, row: r.row };
    }
  }
  return undefined;
}
