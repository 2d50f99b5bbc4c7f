// User-facing words. Chinese first; English with --lang en. Templates take {name} parameters.
import { FatalError } from '../findings.js';
import { terminalSafe, truncate } from '../render/safe.js';

export type Lang = 'zh' | 'en';
type Dict = Record<string, string>;

export const FINDINGS = {
  zh: {
    'missing-column': '缺少列「{header}」：标准 {standard} 需要此列。{advice}',
    'missing-value': '单元格为空：请填写「{header}」',
    'type-error': '「{value}」不是数字：请填写阿拉伯数字，如 300',
    'not-integer': '「{value}」不是整数：人数、间数、台数、册数应为整数',
    'negative-value': '「{value}」为负数：此列不能小于 0',
    'invalid-value':
      '「{value}」不是可识别的取值：请使用模板中的写法（如 小学、初级中学、九年一贯制学校；学段 小学/初中/高中/全校）',
    'missing-level':
      '未填学段：{type}有多个学段，每行须写明 小学、初中、高中 或 全校（班级表中可由「七年级」等年级推断）',
    'level-type-mismatch': '学段「{value}」与学校类型（{type}）不符',
    'subset-exceeds-total': '{value} 超过「{totalHeader}」（{total}）：分项不能大于总数',
    'teachers-exceed-students': '专任教师数 {value} 多于在校生数 {students}：请核对是否填反',
    'duplicate-school': '学校代码「{value}」与学段重复（第 {firstRow} 行已有）：同一学校每个学段只能一行',
    'inconsistent-type': '同一学校代码的学校类型与第 {firstRow} 行不一致',
    'missing-level-row':
      '学校「{value}」缺少「{level}」学段行：多学段学校每个学段都要有一行（拆分共用设施需要各学段学生数）',
    'implausible-value': '生均约 {perPupil}，{bound} {limit}：{slip}',
    'unknown-school': '学校代码「{value}」在学校表中不存在（班级表中 {count} 行，此为第一行）',
    'class-students-mismatch': '班级表中各班学生数合计 {sum}，与在校生数 {value} 不一致',
    'cannot-split': '学校「{value}」的全校行无法拆分：各学段学生数合计为 0',
    'no-school-table':
      '未找到学校表（工作表：{sheets}）：需要一张含 学校代码、学校名称、学校类型、在校生数 等表头的工作表',
    'no-header-row': '未找到表头行：前 30 行中没有可识别的列名',
    'sheet-ignored': '工作表未识别为学校表或班级表，已跳过',
    'duplicate-column': '重复的列（{key}），只使用第一列',
    'unit-converted': '表头单位为「{unit}」，数值已乘以 {factor}',
    'rows-skipped': '跳过合计/备注行 {summary} 行、空行 {blank} 行',
    'duplicate-county': '县区「{value}」也出现在 {first} 中：两份结果分别列出，请确认是否重复报送',
    'unknown-county-item': '不认识的县域指标「{value}」，已忽略：请使用 balance-check explain 或模板中的指标名称',
    'invalid-item-value': '「{item}」的值「{value}」无法识别：应为{expected}',
    'duplicate-item': '指标「{value}」重复（第 {firstRow} 行已有）',
    'county-items-missing': '县域指标表缺少 {count} 项：{items}；这些项目未评估',
    'county-items-unmatched': '县域指标表中的县区「{value}」不在学校表中',
    'county-items-no-county':
      '县域指标表没有县区列，而本次评估有 {count} 个县区（{names}），无法确定这些指标属于哪个县区：请在县域指标表中添加县区列，或每个县区分别评估',
    // Reading (RawWorkbook.findings)
    'formula-no-value': '单元格是公式，但文件中没有保存计算结果：请用 Excel 或 WPS 打开此文件、保存后再检查',
    'control-characters': '单元格含有 {count} 个控制字符（如 NUL），已删除',
    // issue 9 (read safety)
    'control-characters-more': '另有 {count} 个单元格含有控制字符（如 NUL），已删除',
    // issue 9 (evidence)
    'no-schools':
      '学校表只有表头，没有一所学校（空行 {blank} 行，合计/小计/备注行 {summary} 行）：请在表头下每校每学段填写一行',
    'nothing-assessed':
      '县区「{value}」没有一项判定规则有数据可评估（{excluded} 所学校或学段均不参评，见不参评学校）：不能判定为达标',
    'no-assessment': '没有评估任何学校：输入中没有学校数据',
    'partial-coverage':
      '{check}部分评估：{total} 个{what}中 {assessed} 个有数据，其余 {count} 个未评估（{names}），结论只针对已评估的部分',
    'not-assessed': '县区「{value}」以下部分未评估（缺少数据）：{items}',
    'duplicate-column-conflict':
      '「{header}」与 {firstColumn} 列「{firstHeader}」是同一字段（{key}），但 {count} 行的值不同（第一处：第 {row} 行 {firstValue} 与 {secondValue}）：请删除错误的一列',
    'blank-column': '「{header}」整列为空（{rows} 行）：标准 {standard} 需要此列的数据',
    'code-leading-zero':
      '学校代码「{value}」只有 9 位：可能丢失了前导 0（单元格为数字格式）；请把此列设为文本格式后重新填写 10 位代码',
    'too-many-findings':
      '此表的数据问题超过 {limit} 个，从这一行起未再校验（其余 {rows} 行）：请先修正上面的问题，或检查是否选错了列或工作表',
    'template-example-rows': '这是模板的示例行（{value}），不是本县的数据：请删除示例行，填写本县学校',
    // issue 9 (xlsx reader)
    'formula-no-value-more': '另有 {count} 个公式单元格没有保存计算结果：请用 Excel 或 WPS 打开此文件、保存后再检查',
    'sheets-unread':
      '工作簿有 {total} 张工作表，超过上限 {limit}：已读取名为学校、班级、县域指标的工作表和前面的工作表，其余 {count} 张未读取；可用 {flag} 放宽',
    'shared-string-missing':
      '{count} 个单元格引用了文件中不存在的文本，按空白处理：文件可能已损坏，请用 Excel 或 WPS 打开后另存',
    'cells-dropped': '{column} 列以右的 {count} 个单元格和第 1048576 行以下的 {rows} 个单元格超出读取范围，已忽略',
    // issue 12 (hidden rows and sheets, the county's name)
    'hidden-row':
      '第 {row} 行是隐藏行（{value}）：仍按数据读取并计入结果；如该校已撤并或不应参评，请删除此行，或用 --skip-hidden 跳过隐藏行',
    'hidden-row-skipped': '第 {row} 行是隐藏行（{value}），按 --skip-hidden 未读取',
    'hidden-sheet':
      '工作表「{sheet}」是隐藏的：仍按数据读取并计入结果；如不应参评，请删除此表，或用 --skip-hidden 跳过隐藏的表和行',
    'hidden-sheet-skipped': '工作表「{sheet}」是隐藏的，按 --skip-hidden 未读取',
    'county-from-title': '表中没有「县区」列：县区名称「{value}」取自第 {row} 行的标题',
    'county-from-file-name':
      '表中没有「县区」列，标题行中也没有县名：县区名称取自文件名「{value}」；请添加「县区」列，或用 --county 指定',
    'county-from-stdin':
      '表中没有「县区」列，标题行中也没有县名：从标准输入读取，县区名称记为「{value}」；请添加「县区」列，或用 --county 或 --stdin-filename 指定',
    // issue 15 (import of the statistics forms)
    'import-not-a-form':
      '不是教育统计报表：工作表（{sheets}）中既没有教基/基础基报表，也不是每校一行的县域导出表；未作任何猜测。请检查文件，或用 --layout 给出它的版式',
    'import-type-unknown':
      '「{name}」的办学类型「{value}」无法识别：请在教基1001中填写办学类型，或把文件命名为「名称(办学类型).xlsx」',
    'import-figure-missing': '{form} 中找不到「{figure}」：已尝试 {tried}；请检查该表，或用 --layout 修正版式文件',
    'import-form-missing': '缺少报表 {form}：其中的 {figures} 无法导入；请补上该工作表',
    'import-bad-value': '「{value}」不是数字（{figure}）：请填写数字；不适用的填 *',
    'import-level-unknown': '文件名中看不出学段（小学、初中、高中）：请在文件名中写明学段，或用 --level 指定',
    'import-unmatched':
      '「{value}」在{level}的文件中没有对应的行（先按学校标识码、再按校名匹配）：请检查校名或标识码是否一致',
    'import-annex-merged': '不计校数的校点「{value}」已并入「{parent}」',
    'uncounted-unit':
      '{count} 个不计校数（是否计校数 = 0）的校点没有指明所属学校，仍按独立学校评估：{names}；请用 --merge-map 文件或「所属学校」列指明所属学校',
    'import-to-fill': '统计报表中没有这些数据，已留空，需要另行填写：{fields}',
    'imported-forms': '从教育统计报表导入：{files} 个文件，{schools} 所学校（版式 {layouts}）',
  },
  en: {
    'missing-column': 'Missing column "{header}": the {standard} standard needs it. {advice}',
    'missing-value': 'Empty cell: fill in "{header}"',
    'type-error': '"{value}" is not a number: write digits, e.g. 300',
    'not-integer': '"{value}" is not a whole number: counts of people, rooms, computers and books are integers',
    'negative-value': '"{value}" is negative: this column cannot be below 0',
    'invalid-value':
      '"{value}" is not a recognised value: use the template’s words (e.g. 小学, 初级中学, 九年一贯制学校; level 小学/初中/高中/全校)',
    'missing-level': 'No level: a {type} has several levels, so each row must say 小学, 初中, 高中 or 全校',
    'level-type-mismatch': 'Level "{value}" does not fit the school type ({type})',
    'subset-exceeds-total': '{value} exceeds "{totalHeader}" ({total}): a part cannot exceed the total',
    'teachers-exceed-students': '{value} teachers but {students} pupils: check whether the columns are swapped',
    'duplicate-school':
      'School code "{value}" and level repeated (already on row {firstRow}): one row per school and level',
    'inconsistent-type': 'School type differs from row {firstRow} for the same school code',
    'missing-level-row':
      'School "{value}" has no {level} row: a multi-level school needs one row per level (the split needs each level’s pupils)',
    'implausible-value': 'About {perPupil} per pupil, {bound} {limit}: {slip}',
    'unknown-school': 'School code "{value}" is not in the schools sheet ({count} class rows; this is the first)',
    'class-students-mismatch': 'The classes add up to {sum} pupils, the school row says {value}',
    'cannot-split': 'The whole-school row of "{value}" cannot be split: its levels have 0 pupils',
    'no-school-table':
      'No schools table found (sheets: {sheets}): one sheet needs headers such as 学校代码, 学校名称, 学校类型, 在校生数',
    'no-header-row': 'No header row: none of the first 30 rows has recognised column names',
    'sheet-ignored': 'Sheet is neither a schools nor a classes table; skipped',
    'duplicate-column': 'Duplicate column ({key}); only the first is used',
    'unit-converted': 'Header unit "{unit}": values multiplied by {factor}',
    'rows-skipped': 'Skipped {summary} total/note rows and {blank} blank rows',
    'duplicate-county':
      'County "{value}" is also in {first}: both results are listed; check for a duplicate submission',
    'unknown-county-item': 'Unknown county item "{value}", ignored: use the item names of the template',
    'invalid-item-value': 'Cannot read "{value}" for "{item}": expected {expected}',
    'duplicate-item': 'Item "{value}" repeated (already on row {firstRow})',
    'county-items-missing': 'The county sheet lacks {count} item(s): {items}; they are not assessed',
    'county-items-unmatched': 'County "{value}" of the county sheet is not in the schools sheet',
    'county-items-no-county':
      'The county-items table has no 县区 (county) column, but this run assesses {count} counties ({names}), so its items belong to none of them: add a 县区 column to it, or assess each county on its own',
    // Reading (RawWorkbook.findings)
    'formula-no-value':
      'The cell is a formula whose result is not saved in the file: open the file in Excel or WPS, save it, and check again',
    'control-characters': 'The cell held {count} control character(s) (such as NUL); they were removed',
    // issue 9 (read safety)
    'control-characters-more': '{count} more cell(s) held control characters (such as NUL); they were removed',
    // issue 9 (evidence)
    'no-schools':
      'The schools table has a header and no school ({blank} blank rows, {summary} total/note rows): add one row per school and level below the header',
    'nothing-assessed':
      'County "{value}": no judged rule had data to assess ({excluded} schools or levels are all out of scope; see the excluded list), so it cannot pass',
    'no-assessment': 'No school was assessed: the input holds no school data',
    'partial-coverage':
      '{check} partly assessed: {assessed} of {total} {what} have data, the other {count} are not assessed ({names}); the result covers the assessed part only',
    'not-assessed': 'County "{value}": not assessed for lack of data: {items}',
    'duplicate-column-conflict':
      '"{header}" is the same field ({key}) as column {firstColumn} "{firstHeader}", but {count} row(s) differ (first: row {row}, {firstValue} against {secondValue}): delete the wrong column',
    'blank-column': 'Column "{header}" is entirely blank ({rows} rows): the {standard} standard needs its data',
    'code-leading-zero':
      'School code "{value}" has 9 digits: probably a lost leading 0 (a number-formatted cell); format the column as text and enter the 10-digit code',
    'too-many-findings':
      'Over {limit} problems in this table: validation stopped at this row ({rows} rows left); fix the problems above first, or check the columns and the sheet',
    'template-example-rows':
      'This is an example row of the template ({value}), not the county’s data: delete the example rows and enter the county’s schools',
    // issue 9 (xlsx reader)
    'formula-no-value-more':
      '{count} more formula cell(s) have no saved result: open the file in Excel or WPS, save it, and check again',
    'sheets-unread':
      'The workbook has {total} sheets, over the limit of {limit}: the sheets named like schools, classes or county items and the first ones were read, {count} were not; {flag} raises the limit',
    'shared-string-missing':
      '{count} cell(s) refer to text missing from the file and are read as blank: the file may be damaged; open it in Excel or WPS and save it again',
    'cells-dropped':
      '{count} cell(s) right of column {column} and {rows} cell(s) below row 1048576 are outside the range read and were ignored',
    // issue 12 (hidden rows and sheets, the county's name)
    'hidden-row':
      'Row {row} is hidden ({value}): it is still read and counted; if the school has closed or is not to be assessed, delete the row, or leave hidden rows out with --skip-hidden',
    'hidden-row-skipped': 'Row {row} is hidden ({value}) and was not read (--skip-hidden)',
    'hidden-sheet':
      'Sheet "{sheet}" is hidden: it is still read and counted; if it is not to be assessed, delete it, or leave hidden sheets and rows out with --skip-hidden',
    'hidden-sheet-skipped': 'Sheet "{sheet}" is hidden and was not read (--skip-hidden)',
    'county-from-title': 'No 县区 column: the county name "{value}" is taken from the title on row {row}',
    'county-from-file-name':
      'No 县区 column and no county name in the title rows: the county is named after the file, "{value}"; add a 县区 column, or give --county',
    'county-from-stdin':
      'No 县区 column and no county name in the title rows: read from standard input, the county is called "{value}"; add a 县区 column, or give --county or --stdin-filename',
    // issue 15 (import of the statistics forms)
    'import-not-a-form':
      'Not a statistics export: its sheets ({sheets}) hold no 教基/基础基 form and no one-row-per-school county export; nothing was guessed. Check the file, or describe its layout with --layout',
    'import-type-unknown':
      'The school type "{value}" of "{name}" is not known: fill in 办学类型 in 教基1001, or name the file "name(type).xlsx"',
    'import-figure-missing':
      '"{figure}" not found in {form}: tried {tried}; check the form, or correct the layout file with --layout',
    'import-form-missing': 'Form {form} is missing: {figures} cannot be imported; add the sheet',
    'import-bad-value': '"{value}" is not a number ({figure}): write a number, or * where it does not apply',
    'import-level-unknown':
      'The file name does not say the level (小学, 初中, 高中): put it in the file name, or give --level',
    'import-unmatched':
      '"{value}" has no row in the {level} file (matched by school code, then by name): check that the name or code is the same',
    'import-annex-merged': 'The uncounted unit "{value}" was merged into "{parent}"',
    'uncounted-unit':
      '{count} uncounted unit(s) (是否计校数 = 0) name no parent school and are assessed as schools of their own: {names}; name the parent with a --merge-map file or a 所属学校 column',
    'import-to-fill':
      'The statistics forms do not hold these figures; they are left blank for you to fill in: {fields}',
    'imported-forms':
      'Imported from the education statistics forms: {files} file(s), {schools} school(s) (layout {layouts})',
  },
} as const satisfies Record<Lang, Dict>;

export const FATAL = {
  zh: {
    'file-not-found': '文件不存在：{file}',
    'no-match': '没有文件与 {file} 匹配',
    'not-a-class-table': '{file} 不是班级表：找不到 学校代码、学生数 等表头',
    'is-directory': '是目录而不是文件：{file}',
    'file-unreadable': '无法读取文件 {file}（{reason}）',
    'empty-file': '文件为空：{file}',
    'not-a-workbook': '无法读取 {file}：不是 Excel 工作簿（.xlsx/.xls）或 CSV 文本文件',
    'workbook-corrupt': '无法读取 {file}：工作簿已损坏（{reason}）',
    'unknown-standard': '未知的标准「{id}」，可用：{known}',
    'internal-error': '内部错误：{reason}（请报告此问题）',
    'cannot-write': '无法写入 {file}（{reason}）',
    'profile-unreadable': '无法读取标准配置文件 {file}（{reason}）',
    'file-too-large': '{file} 太大（{size}，上限 {limit}）：可用 --max-file-size 放宽',
    'workbook-too-large':
      '无法读取 {file}：解压后过大或结构异常（{reason}），可能是压缩炸弹；确属正常文件可用 --max-memory 放宽',
    'workbook-timeout': '读取 {file} 超过 {seconds} 秒，已停止：文件可能已损坏；确属正常大文件可用 --timeout 放宽',
    'too-many-sheets': '{file} 有 {count} 张工作表，超过上限 {limit}',
    'too-many-rows': '{file} 的工作表「{sheet}」超过 {limit} 行：可用 --max-rows 放宽',
    'bad-mapping': '列映射文件 {file} 有误：{key}：{reason}',
    'no-such-sheet': '{file} 中没有工作表「{sheet}」，现有：{sheets}',
    'bad-option': '选项 {option} 的值「{value}」无效：{reason}',
    'profile-not-json': '标准配置文件 {file} 不是有效的 JSON（第 {line} 行第 {column} 列附近）',
    'bad-profile': '标准配置文件 {file} 有误：{key}：{reason}',
    'unknown-id': '未知的指标：{id}（用 balance-check standards 查看全部指标）',
    // issue 9 (read safety)
    'not-a-regular-file': '无法读取 {file}：它是{kind}，不是普通文件；只读取普通文件',
    'file-name-not-utf8':
      '找不到文件 {file}：文件名不是 UTF-8 编码，无法从命令行传入；请改名，或把它所在的目录作为输入',
    'stdin-is-terminal': '标准输入是终端，没有数据：请用管道或重定向提供文件，如 balance-check - < 数据.csv',
    'workbook-encrypted': '无法读取 {file}：工作簿有密码保护，请另存为无密码的文件',
    'csv-malformed': '无法读取 {file}：CSV 第 {line} 行附近的引号不成对',
    'memory-over-budget': '读取 {file} 时内存用量超过上限 {limit} MiB，已停止：确属正常的大文件可用 --max-memory 放宽',
    // issue 9 (output safety)
    'output-is-input': '输出文件 {file} 就是输入文件 {input}：为保护原始数据不会覆盖它，请用 -o 指定另一个文件名',
    'output-exists': '{file} 已存在，不会覆盖（它可能是已填写数据的工作簿）：请换一个文件名，或加 --force 覆盖',
    'output-read-only': '{file} 是只读文件，不会替换它：请先取消只读属性，或换一个文件名',
    'format-mismatch':
      '输出格式 {format} 与文件名 {file} 不符（{ext} 应为 {expected}）：去掉 -f 即按扩展名选择格式，或换一个相符的扩展名',
    'output-extension': '不能把报告写成 {ext} 文件（{file}）：请用 {known} 之一',
    'template-name':
      '模板是 .xlsx 工作簿（或 .csv 学校表），不能写成 {ext} 文件（{file}）：请用 .xlsx 或 .csv 作扩展名',
    // issue 9 (evidence)
    'county-not-found': '数据中没有县区「{county}」：数据中的县区为 {counties}',
    'no-data-files': '{file} 是目录，其中没有 .xlsx、.xls 或 .csv 文件（有 {found} 个其他文件）',
    // issue 14 (plan)
    'bad-scenario': '方案文件 {file} 有误：{key}：{reason}',
    'scenario-unreadable': '无法读取方案文件 {file}（{reason}）',
    'scenario-county':
      '方案文件 {file} 适用于哪个县区？数据中的县区为 {counties}：请在方案中写 "county"，或用 --county 只评估一个县区',
    // issue 13 (xlsx report)
    'report-too-large':
      '报告太大，无法写成 {format}（约 {size} MiB，超过 zip 的 4 GB 上限）：请用 --county 分县输出，或改用 csv/json',
    'report-too-many-rows':
      '报告的工作表「{sheet}」超过 Excel 的 {limit} 行上限：请用 --county 分县输出，或改用 csv/json',
    // issue 15 (import of the statistics forms)
    'bad-layout': '版式文件 {file} 无效：{reason}',
    'bad-merge-map': '并校文件 {file} 无效：{reason}（应为 JSON：{ "校点名称或标识码": "所属学校名称或标识码" }）',
    'import-nothing': '{file} 中没有可导入的教育统计报表（教基、基础基或县域导出表）',
  },
  en: {
    'file-not-found': 'File not found: {file}',
    'no-match': 'No file matches {file}',
    'not-a-class-table': '{file} is not a class table: no headers such as 学校代码, 学生数',
    'is-directory': 'Is a directory, not a file: {file}',
    'file-unreadable': 'Cannot read {file} ({reason})',
    'empty-file': 'The file is empty: {file}',
    'not-a-workbook': 'Cannot read {file}: not an Excel workbook (.xlsx/.xls) or a CSV text file',
    'workbook-corrupt': 'Cannot read {file}: the workbook is damaged ({reason})',
    'unknown-standard': 'Unknown standard "{id}"; available: {known}',
    'internal-error': 'Internal error: {reason} (please report it)',
    'cannot-write': 'Cannot write {file} ({reason})',
    'profile-unreadable': 'Cannot read the profile {file} ({reason})',
    'file-too-large': '{file} is too large ({size}, limit {limit}); --max-file-size raises the limit',
    'workbook-too-large':
      'Cannot read {file}: too large once unpacked or malformed ({reason}), possibly a zip bomb; --max-memory raises the limit for a genuine file',
    'workbook-timeout':
      'Reading {file} took over {seconds} s and was stopped: the file may be damaged; --timeout raises the limit for a genuine large file',
    'too-many-sheets': '{file} has {count} sheets, over the limit of {limit}',
    'too-many-rows': 'Sheet "{sheet}" of {file} has over {limit} rows; --max-rows raises the limit',
    'bad-mapping': 'Bad column mapping {file}: {key}: {reason}',
    'no-such-sheet': '{file} has no sheet "{sheet}"; it has: {sheets}',
    'bad-option': 'Invalid value "{value}" for {option}: {reason}',
    'profile-not-json': 'The profile {file} is not valid JSON (near line {line}, column {column})',
    'bad-profile': 'Bad profile {file}: {key}: {reason}',
    'unknown-id': 'Unknown indicator: {id} (balance-check standards lists them all)',
    // issue 9 (read safety)
    'not-a-regular-file': 'Cannot read {file}: it is {kind}, not a regular file; only regular files are read',
    'file-name-not-utf8':
      'File not found: {file}: the name is not UTF-8 and cannot be passed on the command line; rename it, or give its folder as the input',
    'stdin-is-terminal':
      'Standard input is a terminal with no data: pipe or redirect a file, e.g. balance-check - < data.csv',
    'workbook-encrypted': 'Cannot read {file}: the workbook is password-protected: save a copy without a password',
    'csv-malformed': 'Cannot read {file}: unbalanced quotes in the CSV near line {line}',
    'memory-over-budget':
      'Reading {file} took memory over the {limit} MiB budget and was stopped; --max-memory raises it for a genuine large file',
    // issue 9 (output safety)
    'output-is-input':
      'The output {file} is the input file {input}: it is not overwritten, to protect the data; give -o another file name',
    'output-exists':
      '{file} already exists and is not overwritten (it may be a filled-in workbook): choose another name, or add --force to replace it',
    'output-read-only': '{file} is read-only and is not replaced: make it writable, or choose another name',
    'format-mismatch':
      'Output format {format} contradicts the file name {file} ({ext} means {expected}): drop -f to take the format from the extension, or use a matching extension',
    'output-extension': 'A report cannot be written as a {ext} file ({file}): use one of {known}',
    'template-name':
      'The template is an .xlsx workbook (or a .csv schools table) and cannot be written as a {ext} file ({file}): name it .xlsx or .csv',
    // issue 9 (evidence)
    'county-not-found': 'No county "{county}" in the data; its counties are: {counties}',
    'no-data-files': '{file} is a directory without .xlsx, .xls or .csv files ({found} other files)',
    // issue 14 (plan)
    'bad-scenario': 'The scenario file {file} is wrong: {key}: {reason}',
    'scenario-unreadable': 'Cannot read the scenario file {file} ({reason})',
    'scenario-county':
      'Which county is the scenario {file} for? The data has {counties}: write "county" in the scenario, or assess one county with --county',
    // issue 13 (xlsx report)
    'report-too-large':
      'The report is too large for {format} (about {size} MiB, over the 4 GB zip limit): write one county at a time with --county, or use csv/json',
    'report-too-many-rows':
      'Sheet "{sheet}" of the report is over the {limit} rows Excel allows: write one county at a time with --county, or use csv/json',
    // issue 15 (import of the statistics forms)
    'bad-layout': 'Bad layout file {file}: {reason}',
    'bad-merge-map': 'Bad merge map {file}: {reason} (expected JSON: { "unit name or code": "parent name or code" })',
    'import-nothing': '{file} holds no education statistics export to import (教基, 基础基 or a county-wide export)',
  },
} as const satisfies Record<Lang, Dict>;

/**
 * Reason codes inside fatal messages (params `reason` and `kind`), so that no English from the system or a
 * library sits inside a Chinese sentence. Templates take the error's other params.
 */
// issue 9 (read safety)
export const REASONS: Record<Lang, Dict> = {
  zh: {
    fifo: '命名管道（FIFO）',
    device: '设备文件',
    socket: '套接字',
    'special-file': '特殊文件',
    directory: '目录',
    ENOENT: '文件不存在',
    EACCES: '没有读取权限',
    EPERM: '没有读取权限',
    ELOOP: '符号链接循环',
    ENAMETOOLONG: '文件名过长',
    ENOTDIR: '路径中有一部分不是目录',
    EISDIR: '是目录',
    EIO: '读写错误',
    EMFILE: '打开的文件过多',
    ENFILE: '打开的文件过多',
    EBUSY: '文件正被占用',
    EAGAIN: '暂时无法读取',
    unknown: '未知错误',
    'config-too-large': '文件超过 1 MiB，不是配置文件',
    // issue 10 (catalogues)
    'needs-output': '需要同时用 -o 指定输出文件',
    'not-regular': '不是普通文件，而是{kind}',
    'not-json': '不是有效的 JSON（第 {line} 行第 {column} 列附近）',
    'not-object': '应为 JSON 对象',
    'unknown-key': '未知的键',
    'unknown-extends': '应为以下之一：{known}',
    'unknown-id': '没有这个 id；已有：{known}',
    'unknown-column-key': '未知的字段「{value}」；可用：{known}',
    'memory-budget': '内存用量超过上限 {limit} MiB',
    'parser-failed': '无法解析其中的工作表',
    'cfb-header': '复合文档文件头无效',
    'cfb-count': '复合文档声明的扇区数超出文件大小',
    'cfb-range': '扇区编号超出文件范围',
    'cfb-cycle': '扇区链或目录中有循环',
    'cfb-directory': '复合文档目录无效',
    'cfb-stream-size': '数据流的长度超出其所占扇区',
    'biff-bof': '工作簿数据流的开头无效',
    'biff-record': '有记录的长度超出数据流',
    'zip-no-directory': '找不到 zip 目录，文件可能不完整',
    'zip-directory-range': 'zip 目录超出文件范围，文件可能不完整',
    'zip-bad-directory': 'zip 目录无效',
    zip64: '不支持 zip64 格式',
    'zip-entries': 'zip 条目 {entries} 个，超过上限 {limit}',
    'zip-ratio': '声明解压后 {size} MiB，压缩数据只有 {compressed} 字节',
    'zip-total': '解压后 {size} MiB，超过上限 {limit} MiB',
    'parser-exited': '解析线程意外退出',
    'zip-tight': '{size} MiB 的内容压缩比超过 {ratio} : 1（大量重复，可能是压缩炸弹）',
    'part-damaged': '其中的 {part} 损坏：{kind}',
    'part-local-header': '文件头无效',
    'part-encrypted': '已加密',
    'part-range': '数据超出文件范围（文件可能不完整）',
    'part-too-long': '解压后超过声明的大小',
    'part-inflate': '压缩数据无法解压',
    'part-method': '不支持的压缩方式 {method}',
    'part-size': '解压后 {size} 字节，声明为 {declared} 字节',
    'part-crc': '校验和不符',
    'part-doctype': '含有 DOCTYPE 或实体声明（Excel 不会写入，可能是恶意文件）',
    'part-markup': '有未结束的标记',
    'part-encoding': '使用了不支持的字符编码 {encoding}',
    'part-row-cells': '第 {row} 行的单元格多于 Excel 允许的数目',
    'part-rows': '行数多于 Excel 允许的数目',
    'too-many-strings': '文本超过 {limit} 条',
    'too-much-text': '文本超过 {limit} M 个字符',
    'too-many-cells': '单元格超过 {limit} M 个',
    // issue 10 (checks)
    'unknown-check': '没有检查「{value}」；已有：{known}',
    'scope-label-missing': '不参评原因「{value}」没有说明文字：请加 "label": {"zh": "…", "en": "…"}',
    // issue 14 (plan)
    'scenario-unknown-school': '数据中没有学校「{school}」（按学校代码或完整校名查找）',
    'scenario-level-needed': '学校「{school}」有多个学段：请写 "level": "primary" 或 "junior"',
    'scenario-no-level': '学校「{school}」没有{level}学段',
    'scenario-below-zero': '学校「{school}」的 {what} 减少后小于 0',
    'scenario-code-exists': '学校代码 {school} 已存在',
    'scenario-move-all': '不能把学校「{school}」的学生全部转出：请用 merge 或 close',
    'scenario-merge-self': '学校「{school}」不能合并到它自己',
    // plan-more (issue 14): classes by grade
    'scenario-no-grades': '学校「{school}」的班级行没有年级：不能按年级增加班级（去掉 grades）',
    'scenario-unknown-grade': '学校「{school}」的班级中没有年级「{grade}」',
    'scenario-grades-sum': '学校「{school}」各年级增加的班级数之和 {sum} 不等于 add {add}',
  },
  en: {
    fifo: 'a named pipe (FIFO)',
    device: 'a device',
    socket: 'a socket',
    'special-file': 'a special file',
    directory: 'a directory',
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ELOOP: 'a symbolic-link loop',
    ENAMETOOLONG: 'the name is too long',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'is a directory',
    EIO: 'input/output error',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EBUSY: 'the file is busy',
    EAGAIN: 'temporarily unavailable',
    unknown: 'unknown error',
    'config-too-large': 'over 1 MiB, not a configuration file',
    // issue 10 (catalogues)
    'needs-output': 'needs -o FILE{ext}',
    'not-regular': 'not a regular file but {kind}',
    'not-json': 'not valid JSON (near line {line}, column {column})',
    'not-object': 'expected a JSON object',
    'unknown-key': 'unknown key',
    'unknown-extends': 'expected one of {known}',
    'unknown-id': 'no such id; known: {known}',
    'unknown-column-key': 'unknown column key "{value}"; known: {known}',
    'memory-budget': 'memory use over the {limit} MiB budget',
    'parser-failed': 'its sheets could not be parsed',
    'cfb-header': 'invalid compound-file header',
    'cfb-count': 'the compound file declares more sectors than the file holds',
    'cfb-range': 'a sector number past the end of the file',
    'cfb-cycle': 'a cycle in a sector chain or in the directory',
    'cfb-directory': 'invalid compound-file directory',
    'cfb-stream-size': 'a stream longer than its sectors',
    'biff-bof': 'the workbook stream does not start with a BOF record',
    'biff-record': 'a record runs past the end of the stream',
    'zip-no-directory': 'no zip directory (truncated?)',
    'zip-directory-range': 'zip directory out of range (truncated?)',
    'zip-bad-directory': 'bad zip directory',
    zip64: 'zip64 is not supported',
    'zip-entries': '{entries} zip entries > {limit}',
    'zip-ratio': 'declared {size} MiB from {compressed} bytes',
    'zip-total': '{size} MiB uncompressed > {limit} MiB',
    'parser-exited': 'the parser exited',
    'zip-tight': '{size} MiB packed tighter than {ratio} : 1 (mostly repetition, possibly a zip bomb)',
    'part-damaged': 'its part {part} is damaged: {kind}',
    'part-local-header': 'bad local header',
    'part-encrypted': 'encrypted',
    'part-range': 'data past the end of the file (truncated?)',
    'part-too-long': 'inflates beyond its declared size',
    'part-inflate': 'the compressed data cannot be inflated',
    'part-method': 'unsupported compression method {method}',
    'part-size': '{size} bytes, {declared} declared',
    'part-crc': 'checksum mismatch',
    'part-doctype': 'a DOCTYPE or entity declaration (Excel never writes one; possibly a hostile file)',
    'part-markup': 'unterminated markup',
    'part-encoding': 'an unsupported character encoding {encoding}',
    'part-row-cells': 'more cells in row {row} than Excel allows',
    'part-rows': 'more rows than Excel allows',
    'too-many-strings': 'over {limit} text strings',
    'too-much-text': 'over {limit} M characters of text',
    'too-many-cells': 'over {limit} M cells',
    // issue 10 (checks)
    'unknown-check': 'no check "{value}"; known: {known}',
    'scope-label-missing': 'the scope reason "{value}" has no words: add "label": {"zh": "…", "en": "…"}',
    // issue 14 (plan)
    'scenario-unknown-school': 'no school "{school}" in the data (looked up by 学校代码 or the full name)',
    'scenario-level-needed': 'the school "{school}" has several levels: add "level": "primary" or "junior"',
    'scenario-no-level': 'the school "{school}" has no {level} level',
    'scenario-below-zero': '{what} of the school "{school}" would be below 0',
    'scenario-code-exists': 'the school code {school} exists already',
    'scenario-move-all': 'cannot move all pupils of the school "{school}": use merge or close',
    'scenario-merge-self': 'the school "{school}" cannot be merged into itself',
    // plan-more (issue 14): classes by grade
    'scenario-no-grades':
      'the class rows of the school "{school}" name no grade: classes cannot be added by grade (drop grades)',
    'scenario-unknown-grade': 'the classes of the school "{school}" have no grade "{grade}"',
    'scenario-grades-sum': 'the classes added per grade at the school "{school}" sum to {sum}, not add {add}',
  },
};

export const LABELS = {
  zh: {
    pass: '达标',
    fail: '未达标',
    incomplete: '评估不完整',
    error: '出错',
    'not-assessed': '未评估',
    advisory: '参考',
    primary: '小学',
    junior: '初中',
    senior: '高中',
    whole: '全校',
    verdict: '结论',
    county: '县区',
    'check.cv': '校际差异系数',
    'check.composite': '综合差异系数',
    'check.per-school': '学校达标（≥{minMet}项，其余≥{floor}%）',
    'check.class-size': '班额',
    'check.school-size': '学校规模',
    'check.special-rooms': '音乐美术专用教室',
    'check.staffing': '生师比',
    'reason.no-class-data': '没有班级数据（未提供班级表，或班级表没有班级行）',
    'reason.no-room-data': '未提供专用教室数',
    'reason.no-units': '该学段无参评学校',
    'reason.single-unit': '仅一所学校，不计算',
    'reason.zero-mean': '均值为 0，不计算',
    'reason.no-students': '学生数为 0',
    'reason.not-finite': '数据异常',
    'reason.no-data': '缺少数据',
    'reason.data-error': '数据有错误（见数据问题）',
    'reason.special-education': '特殊教育学校',
    'reason.vocational': '职业学校',
    'reason.teaching-point-under-50': '不足50人的教学点',
    'reason.private': '民办学校',
    'reason.teaching-point': '教学点',
    'reason.city-or-province': '省/市直属学校',
    'col.indicator': '指标',
    'col.mean': '全县均值',
    'col.cv': '差异系数',
    'col.limit': '限值',
    'col.result': '结果',
    'col.school': '学校',
    'col.students': '学生数',
    'col.met': '达标项',
    'col.verdict': '结论',
    'col.teachers': '专任教师',
    'col.ratio': '生师比',
    'col.shortfall': '缺编',
    'col.classes': '班级数',
    'col.over': '超标准班额',
    'col.large': '大班额',
    'col.super': '超大班额',
    'col.largest': '最大班额',
    'col.value': '实际',
    'col.required': '要求',
    // issue 13 (text): the per-school table's marks, under its section title
    'text.legend': '✓ 达标，△ 未达标但≥{floor}%，✗ 低于{floor}%',
    'text.counties': '{n} 个县区',
    'summary.units': '{n} 所学校未达标',
    'summary.cv': '{n} 项超限',
    'summary.classes': '{over} 个超标准班额，其中大班额 {large}、超大班额 {super}',
    'summary.staffing': '{schools} 所学校缺编共 {sum} 人（全县统筹后缺编 {n} 人）',
    'summary.ok': '全部达标',
    cvMean: '{count}项差异系数平均 {value}（仅供参考，不作判定）',
    composite: '综合差异系数（{count}项平均）',
    cvRounding: '差异系数按 {n} 位小数修约后判定',
    'findings.counts': '{errors} 个错误，{warnings} 个警告',
    row: '第{row}行',
    colon: '：',
    open: '（',
    close: '）',
    sep: '，',
    'findings.incomplete': '数据有错误，评估不完整：请按上表修正后重新运行',
    // issue 10 (formatters): under --quiet warnings are filtered out, so only errors are counted
    'findings.errors': '{errors} 个错误',
    music: '音乐',
    art: '美术',
    type_primary_school: '小学',
    type_junior_school: '初级中学',
    type_nine_year: '九年一贯制学校',
    type_twelve_year: '十二年一贯制学校',
    type_complete_secondary: '完全中学',
    type_teaching_point: '教学点',
    type_special_education: '特殊教育学校',
    type_vocational: '职业学校',
    'reading.table': '{sheet}（{table}，第 {row} 行表头，{rows} 行）',
    'table.schools': '学校表',
    'table.classes': '班级表',
    'table.county': '县域指标表',
    'findings.more': '另有 {n} 个同类问题 [{code}]（完整列表见 --format json）',
    'reading.header': '第 {row} 行是表头',
    'reading.header2': '第 {row} 行结束的两行合并表头',
    'reading.header3': '第 {row} 行结束的三行合并表头',
    'reading.factor': '「{header}」×{factor}',
    'reading.joined': '「{header}」→ {key}',
    'reading.skipped': '跳过合计/备注 {n} 行',
    'missing-column.near':
      '表头中最接近的是 {column} 列「{nearest}」：若就是此列，用 --columns 把它对到 {key}（balance-check validate --suggest-columns 文件 > cols.json 写出列映射草稿）',
    'missing-column.add': '请在表头行添加该列并填写数据，或用 --columns 把表中已有的列对到 {key}',
    'missing-column.seen': '（未识别的表头：{seen}）',
    'suggest.no-schools': '没有找到学校表，无法写出列映射草稿',
    'reading.suggested': '列映射草稿（保存为 cols.json，核对后用 --columns cols.json 重新运行）：',
    'reading.summary-rows': '（{rows}）',
    'reading.summary-row': '第 {row} 行「{text}」',
    'reading.unmapped': '未使用的列 {columns}',
    // issue 12
    'reading.hiddenSheet': '隐藏的工作表，已读取',
    'reading.hiddenRows': '隐藏行 {rows} 已读取',
    'reading.hiddenSkipped': '隐藏行 {rows} 未读取（--skip-hidden）',
    'reading.skippedSheets': '隐藏的工作表 {sheets} 未读取（--skip-hidden）',
    'reading.imported': '教育统计报表，按版式 {layout} 导入 {schools} 所学校',
    'detail.hint':
      '共 {n} 个县区：各县的差异系数表、学校达标表等详细表格请用 --county 县区名 查看，或用 --format xlsx / json 输出全部',
    'summary.github': '{verdict} · 退出码 {exit} · {counties} 个县区 · {errors} 个错误',
    'col.failedRules': '未达标规则',
    'col.worstCv': '最大差异系数',
    'col.item': '项目',
    'part.partial': '部分评估',
    'part.counts': '已评 {judged}/{n} 项，未达标 {failed} 项',
    yes: '是',
    no: '否',
    'reason.no-county-sheet': '未提供县域指标表',
    'reason.band-straddles-limit': '班额分段跨越上限，无法判定（请提供班级表）',
    'reason.not-given': '未填报',
    'reason.no-check': '无此项检查',
    'expected.yes': '“是”或“否”',
    'expected.percent': '百分比（如 96.5%）',
    'expected.level': '等级（如 Ⅲ）',
    'expected.number': '数字',
    // issue 9 (evidence)
    'coverage.units': '学校学段',
    'coverage.schools': '学校',
    'coverage.counts': '{assessed}/{total} 有数据',
    'part.resources': '资源配置',
    'part.government': '政府保障程度',
    'part.quality': '教育质量',
    'part.recognition': '社会认可度',
    'reason.nothing-assessed': '没有可评估的学校',
    'reason.gaps': '仅就已评估部分；有未评估或部分评估的项目，见下',
    'bound.max': '超过合理上限',
    'bound.min': '低于合理下限',
    'slip.wan-yuan-as-yuan': '可能是把万元数填在了以元为单位的表头下（表头可写「教学仪器设备值(万元)」）',
    'slip.yuan-as-wan-yuan': '可能是表头写了万元而数值是元',
    'slip.mu-as-m2': '可能是亩或万平方米数填在了平方米表头下',
    'slip.m2-too-large': '可能是单位错误（如亩填成平方米）或多填了位数',
    'warnings.exceeded': '警告 {warnings} 个，超过 --max-warnings {limit}',
    'excluded.more': '另有 {n} 个不参评（完整列表见 --format json）',
    'counties.none': '（没有县区）',
    'counties.more': ' 等，共 {n} 个',
    // issue 10 (catalogues): the plain tables (csv, markdown, xlsx)
    'sheet.summary': '汇总',
    'col.worstCvIndicator': '最大差异系数指标',
    'sheet.cv': '差异系数（{level}）',
    'col.cvRow': '项目',
    'row.mean': '全县平均值',
    'row.cv': '差异系数',
    'row.met': '是否达标',
    'sheet.units': '达标表（{level}）',
    'col.schoolCode': '学校代码',
    'col.actual': '实际值',
    'sheet.checks': '检查',
    'col.check': '检查',
    'usage.no-input': '缺少输入文件（见 --help）',
    // issue 10 (catalogues): `standards` and `explain`
    'standards.composite': '判定：{n} 项差异系数的平均值（综合差异系数）小学 ≤ {primary}，初中 ≤ {junior}',
    'standards.each': '判定：每项差异系数小学 ≤ {primary}、初中 ≤ {junior}；每校至少 {minMet} 项达标，其余 ≥ {floor}%',
    'standards.hint': '用 balance-check explain <指标> 查看定义与阈值。',
    'explain.unit': '单位',
    'explain.definition': '定义',
    'explain.formula': '公式',
    'explain.source': '依据',
    'explain.primary': '小学',
    'explain.junior': '初中',
    'explain.each': '每校 ≥',
    'explain.floor': '，未达标时不低于 {value}（{pct}%）',
    'explain.cv': '差异系数：小学 ≤ {primary}，初中 ≤ {junior}',
    'explain.composite': '差异系数单项只报告不判定；{n} 项平均（综合差异系数）小学 ≤ {primary}，初中 ≤ {junior}',
    'sheet.findings': '数据问题',
    'col.severity': '级别',
    'col.findingCode': '代码',
    'col.file': '文件',
    'col.sheet': '工作表',
    'col.row': '行',
    'col.column': '列',
    'col.header': '表头',
    'col.rawValue': '原值',
    'col.message': '说明',
    // issue 10 (checks)
    'template.level': '单学段学校可不填；多学段学校每个学段一行，共用设施可写在「全校」行，按 {weights} 拆分',
    'template.locale': '{min}–{max} 人的乡村学校可计走教体育艺术教师',
    'template.classes': '用于音乐、美术专用教室（每 {per} 个班 1 间）',
    // issue 14 (plan): `plan` and `diff` text
    'plan.title': '缺口与整改方案',
    'usage.diff': 'diff 需要两个输入：旧数据 新数据（见 --help）',
    'plan.before': '现状',
    'plan.after': '按方案整改后',
    'plan.not-planned': '数据有错误，未作方案：请先改正数据问题',
    'plan.nothing': '没有缺口：各项均已达标',
    'plan.size': '学校规模',
    'plan.size.row': '{name} {students} 人（上限 {limit}），超出 {excess} 人',
    'plan.size.to': ' → 分流到 {to}',
    'plan.size.none': ' → 没有能接收的同学段学校：需新建或扩建学校',
    'plan.classes': '班额（增加班级，学生平均分班）',
    'plan.classes.row':
      '{name}{level} {classes} 个班 {pupils} 人，最大班 {largest} 人：增加 {add} 个班（消除大班额需 {large}、超大班额需 {superLarge}）',
    'plan.rooms': '音乐、美术专用教室（每 {per} 个班 1 间）',
    'plan.rooms.row': '{name} {classes} 个班，需各 {needed} 间：音乐 +{music}，美术 +{art}',
    'plan.staffing': '专任教师（生师比 {norm} : 1）',
    'plan.staffing.row': '{name} {students} 人、{teachers} 名教师：+{add} 人',
    'plan.units': '学校达标缺口（每校至少 {minMet} 项达标，其余不低于 {floor}%）',
    'plan.units.left': '（{indicator}可不达标，按{rule}选择）',
    'plan.rule.cost': '单位成本最低',
    'plan.rule.relative': '相对缺口最小',
    'plan.floor': '到 {floor}% 底线',
    'plan.classes.even': '{name} {classes} 个班 {pupils} 人，最大班 {largest} 人：平均分班即可，不需增加班级',
    'plan.cv': '差异系数（现状 → 学校补足后 → 追加后，限值）',
    'plan.cv.row': '{indicator} {before} → {afterPlan} → {after}（≤ {limit}）',
    'plan.cv.further': '追加：把低于 {value} 的 {n} 所学校补到约 {value}，逐校减到最少（{amounts}）',
    'plan.totals': '合计',
    'plan.budget': '预算约 {budget} 元',
    'plan.budget.missing': '（未含：{kinds}，标准配置中没有单位成本）',
    'plan.budget.none': '标准配置没有单位成本（costs），未估算预算',
    'plan.amount': '{name} +{amount}{unit}',
    'plan.locales': '城乡（现状均值，括号内为组内差异系数）',
    'plan.locales.row': '{indicator}  城区 {urban}  镇区 {town}  乡村 {rural}  乡村/城区 {ratio}',
    'plan.q.musicRooms': '音乐教室',
    'plan.q.artRooms': '美术教室',
    'plan.moved': '分流学生 {n} 人',
    'plan.classes-added': '增加班级 {n} 个',
    'plan.method':
      '方法：先分流超规模学校的学生，再按班额上限增加班级，补足音乐美术教室和生师比所缺教师；每校按最少成本补足到标准（允许不达标的那一项补到 {floor}%）；差异系数仍超限的指标，把最低的学校补到同一水平（注水法），取满足限值的最低水平，再逐校减去多余的量（任何一校少补 1 个单位即超限）。全部按整数（人、平方米、元、间）向上取整。',
    'plan.scenario': '方案 {file}：现状 → 调整后',
    'plan.scenario.units': '学校结论有变化',
    'plan.scenario.none': '学校结论没有变化',
    'plan.written': '已写出方案文件 {file}（{n} 项调整）',
    'kind.teacherYear': '人',
    'kind.buildingM2': '平方米',
    'kind.groundM2': '平方米',
    'kind.yuan': '元',
    'kind.room': '间',
    'kind.classroom': '个班',
    'costs.teacherYear': '教师',
    'costs.buildingM2': '校舍',
    'costs.groundM2': '运动场地',
    'costs.room': '专用教室',
    'costs.classroom': '教室',
    // plan-more (issue 14): teachers counted once, CV trim, composite, classes by grade, 班师比
    'plan.teachers.hired': '新聘教师 +{n}人（兼计上述各类）',
    'plan.teachers.rule':
      '教师按人计：一名新教师可同时计入高学历、骨干、体艺教师和生师比，每校新聘人数取各类所需的最大值（各类人数照列），合计与预算只按新聘人数计。',
    'plan.composite': '综合差异系数（各项差异系数的均值；现状 → 学校补足后 → 追加后，限值）',
    'plan.composite.row': '{before} → {afterPlan} → {after}（≤ {limit}）',
    'plan.composite.indicator': '{indicator} {before} → {afterPlan} → {after}：{n} 所学校 {amounts}',
    'plan.classes.grades': '；按年级：{list}',
    'plan.grade': '{n}年级',
    'plan.grade.digits': '一二三四五六七八九',
    'plan.staffing.both': '专任教师（生师比 {norm} : 1，班师比 1 : {ratio}）',
    'plan.staffing.binds': '（生师比缺 {byPupils}，班师比缺 {byClasses}（{classes} 个班），按{binds}）',
    'plan.binds.pupils': '生师比',
    'plan.binds.classes': '班师比',
    'plan.composite.method':
      '综合差异系数仍超限时，把超过同一上限的各项差异系数都压到这个上限（各项用注水法补最低的学校），取使综合差异系数达标的最高上限，再逐校减去多余的量（任何一校少补 1 个单位综合差异系数即超限）。',
    'diff.title': '对比：{old} → {new}',
    'diff.verdict': '结论：{was} → {now}',
    'diff.added': '新增县区',
    'diff.removed': '县区已不在新数据中',
    'diff.cv': '{indicator}：差异系数 {cvThen} → {cvNow}，均值 {meanThen} → {meanNow}',
    'diff.units': '学校变化',
    'diff.unit': '{name}{level}：{was} → {now}',
    'diff.indicator': '    {indicator} {was} → {now}',
    'diff.schools-added': '新增学校：{names}',
    'diff.schools-removed': '减少学校：{names}',
    'diff.classes': '{name}{level}：大班额 {largeThen} → {largeNow}，超大班额 {superThen} → {superNow}',
    'diff.check': '{check}：{was} → {now}',
    'diff.none': '没有变化',
    'diff.worse': '变差：{n} 项（退出码 1）',
    'diff.not-worse': '没有变差的项目',
    // issue 13 (html report): chart captions, marks and legend
    'html.cvChart': '{level} 各项指标差异系数（限值 {limit}）',
    'html.unitChart': '{level} {indicator}（{unit}）：各校由高到低',
    'html.histogram': '{level} 班额分布：各班学生数（人）的班级数',
    'html.summaryChart': '各县区最大差异系数与限值（每个县区从左到右：{levels}）',
    'html.standardLine': '标准 {value}',
    'html.floorLine': '{pct}% {value}',
    'html.limitLine': '限值 {value}',
    'html.levelLimitLine': '{level}限值 {value}',
    'html.classLimit': '标准班额 {n}',
    'html.largeMark': '大班额 {n}',
    'html.superLargeMark': '超大班额 {n}',
    'html.composite': '综合',
    'html.legendMet': '达标',
    'html.legendWarn': '未达标，不低于 {pct}%',
    'html.legendFail': '未达标',
    'html.legendFloor': '低于 {pct}%',
    'html.legendOver': '超过标准班额',
    'html.chartsCapped':
      '本报告共 {units} 个学校学段，多于 {max} 个：各校指标图和班额分布图从略（表格中列出每所学校）；用 --county 可看单个县区的图',
    'html.binUpTo': '≤{max}',
    'html.binFrom': '≥{min}',
    'html.countyChartsCapped':
      '本报告共 {counties} 个县区，多于 {max} 个：只画各县区比较图，各县区自己的图从略；用 --county 可看单个县区的图',
    // issue 13 (sections): section titles and sheet names, column heads, notes and the report heading
    'section.summary': '汇总',
    'section.checks': '各项检查',
    'section.cv': '校际差异系数',
    'section.units': '学校达标表',
    'section.class-size': '班额',
    'section.class-size-schools': '超标准班额学校',
    'section.school-size': '学校规模',
    'section.special-rooms': '音乐美术专用教室',
    'section.staffing': '生师比',
    'section.county-items': '县域指标',
    'section.excluded': '不参评学校',
    'section.findings': '数据问题',
    'section.reading': '读取说明',
    'section.sheet': '{name}（{level}）',
    'col.no': '序号',
    'col.composite': '综合',
    'col.compositeInfo': '综合（仅供参考）',
    'col.basic': '基本值',
    'col.target': '达标值',
    'col.amount': '{what}（{unit}）',
    'col.numerator': '分子',
    'col.metCount': '达标项数',
    'col.source': '来源',
    'col.level': '学段',
    'col.type': '学校类型',
    'col.reason': '原因',
    'col.role': '约束/参考',
    'col.unmet': '未达标',
    'col.coverage': '覆盖',
    'col.notes': '说明',
    'col.share': '占比',
    'col.overClasses': '超标班数',
    'col.norm': '标准（人:1）',
    'col.ratioN': '生师比（人:1）',
    'col.part': '分项',
    'col.table': '表',
    'col.headerRow': '表头行',
    'col.rows': '数据行',
    'col.subject': '科目',
    'col.indicatorName': '{name}（{unit}）',
    'row.sd': '标准差',
    'row.limit': '限值',
    'row.county': '全县',
    'row.total': '合计',
    'role.binding': '约束',
    'role.advisory': '参考',
    'severity.error': '错误',
    'severity.warning': '警告',
    'severity.info': '提示',
    'note.none': '无',
    'note.notAssessed': '未评估：{reason}',
    'note.notAssessedPlain': '未评估',
    'note.level': '{units} 所学校，{students} 名学生',
    'note.compositeInfo': '综合为{count}项差异系数的平均值，仅供参考，不作判定',
    'note.compositeJudged': '综合为{count}项差异系数的平均值（综合差异系数），按限值判定',
    'note.cvNull': '{indicator}：{reason}',
    'note.floor': '基本值为达标值的 {floor}%；每校至少 {minMet} 项达到达标值，其余不低于基本值',
    'note.schoolVerdict': '是否达标：1 达标，0 未达标',
    'note.amount':
      '分子：学校的数量（多学段学校按学段拆分后）；每百名学生指标的实际值 = 分子 × 100 ÷ 学生数，其余 = 分子 ÷ 学生数',
    'note.noUnitStandards': '此标准不判定单校，只列出各校指标值',
    'note.classLimits': '小学≤{primary}人，初中≤{junior}人；大班额 {largeMin}–{largeMax} 人，超大班额 ≥{superLarge} 人',
    'note.uncertain': '{n} 个班所在的班额分段跨越上限，无法判定（请提供班级表）',
    'note.rooms': '每 {per} 个班各需音乐、美术专用教室 1 间',
    'note.staffing': '小学 {primary}:1，初中 {junior}:1',
    'note.advisory': '参考，不影响结论',
    'note.partLine': '{part}：{result}',
    'note.partCounts': '{word}（已评 {judged}/{n} 项，未达标 {failed} 项）',
    'note.suggested': '{sheet}：缺少必需的列，列映射草稿见 --format json（reading.suggestedColumns）',
    'heading.title': '{standard} 评估结果',
    'heading.standard': '评估标准：{name}（{document}）',
    'heading.counties': '填报单位：{names}',
    'heading.verdict': '结论：{verdict}（退出码 {exit}）',
    'heading.date': '生成日期：{date}',
    'heading.tool': '生成工具：balance-check {version}',
    // issue 16 (exe): a file dropped on the Windows executable
    'drop.saved': '评估结果已保存：{path}',
    'drop.not-saved': '评估结果未能保存：{reason}',
    'drop.press-enter': '按回车键关闭窗口',
    // issue 15 (import of the statistics forms)
    'import.title': '导入教育统计报表',
    'import.files': '文件',
    'import.schools': '学校',
    'import.written': '已写入 {file}：{rows} 行（{schools} 所学校）',
    'import.not-written': '未写出工作簿（没有可导入的学校）',
    'import.skipped': '跳过',
    'import.to-fill': '需另行填写（已留空）',
    'import.framed': '带行列号框',
    'import.reason.not-a-form': '不是版式中的报表',
    'import.reason.summary-row': '合计/小计行',
    'import.reason.blank-name': '没有校名',
    'import.reason.not-a-statistics-export': '不是教育统计报表',
    'import.reason.out-of-scope': '不在评估范围',
    'import.reason.not-held': '报表中没有',
    'import.reason.not-found': '未找到（位置未确认）',
    'import.na': '不适用',
    'import.row': '行',
    'import.note': '此列统计报表中没有，请填写',
  },
  en: {
    pass: 'pass',
    fail: 'fail',
    incomplete: 'incomplete',
    error: 'error',
    'not-assessed': 'not assessed',
    advisory: 'advisory',
    primary: 'Primary',
    junior: 'Junior',
    senior: 'Senior',
    whole: 'Whole school',
    verdict: 'Verdict',
    county: 'County',
    'check.cv': 'Variation coefficients',
    'check.composite': 'Composite variation coefficient',
    'check.per-school': 'Schools (≥ {minMet} met, rest ≥ {floor}%)',
    'check.class-size': 'Class size',
    'check.school-size': 'School size',
    'check.special-rooms': 'Music and art rooms',
    'check.staffing': 'Pupil–teacher ratio',
    'reason.no-class-data': 'no class data (no class sheet, or one without class rows)',
    'reason.no-room-data': 'no music/art room counts given',
    'reason.no-units': 'no units at this level',
    'reason.single-unit': 'one school only: not computed',
    'reason.zero-mean': 'mean is 0: not computed',
    'reason.no-students': 'no pupils',
    'reason.not-finite': 'bad data',
    'reason.no-data': 'no data',
    'reason.data-error': 'data errors (see data problems)',
    'reason.special-education': 'special-education school',
    'reason.vocational': 'vocational school',
    'reason.teaching-point-under-50': 'teaching point under 50 pupils',
    'reason.private': 'private school',
    'reason.teaching-point': 'teaching point',
    'reason.city-or-province': 'run by the city or province',
    'col.indicator': 'Indicator',
    'col.mean': 'County mean',
    'col.cv': 'CV',
    'col.limit': 'Limit',
    'col.result': 'Result',
    'col.school': 'School',
    'col.students': 'Pupils',
    'col.met': 'Met',
    'col.verdict': 'Verdict',
    'col.teachers': 'Teachers',
    'col.ratio': 'Ratio',
    'col.shortfall': 'Short',
    'col.classes': 'Classes',
    'col.over': 'Over limit',
    'col.large': 'Large',
    'col.super': 'Super-large',
    'col.largest': 'Largest',
    'col.value': 'Actual',
    'col.required': 'Required',
    // issue 13 (text): the per-school table's marks, under its section title
    'text.legend': '✓ met, △ unmet but ≥ {floor}%, ✗ below {floor}%',
    'text.counties': '{n} counties',
    'summary.units': '{n} school(s) fail',
    'summary.cv': '{n} CV(s) over the limit',
    'summary.classes': '{over} classes over the limit, {large} large, {super} super-large',
    'summary.staffing': '{schools} school(s) short of {sum} teachers ({n} short county-wide)',
    'summary.ok': 'all met',
    cvMean: 'Mean of the {count} CVs {value} (information only, not judged)',
    composite: 'Composite CV (mean of {count})',
    cvRounding: 'CVs rounded to {n} decimals before judging',
    'findings.counts': '{errors} error(s), {warnings} warning(s)',
    row: 'row {row}',
    colon: ': ',
    open: ' (',
    close: ')',
    sep: ', ',
    'findings.incomplete': 'The data has errors, so the assessment is incomplete: fix them and run again',
    // issue 10 (formatters): under --quiet warnings are filtered out, so only errors are counted
    'findings.errors': '{errors} error(s)',
    music: 'music',
    art: 'art',
    type_primary_school: 'primary school',
    type_junior_school: 'junior school',
    type_nine_year: 'nine-year school',
    type_twelve_year: 'twelve-year school',
    type_complete_secondary: 'complete secondary',
    type_teaching_point: 'teaching point',
    type_special_education: 'special-education school',
    type_vocational: 'vocational school',
    'reading.table': '{sheet} ({table}, header row {row}, {rows} rows)',
    'table.schools': 'schools',
    'table.classes': 'classes',
    'table.county': 'county items',
    'findings.more': '{n} more of the same [{code}] (--format json lists them all)',
    'reading.header': 'header on row {row}',
    'reading.header2': 'two-row merged header ending on row {row}',
    'reading.header3': 'three-row merged header ending on row {row}',
    'reading.factor': '"{header}" ×{factor}',
    'reading.joined': '"{header}" → {key}',
    'reading.skipped': '{n} total/note rows skipped',
    'missing-column.near':
      'The closest header is column {column} "{nearest}": if it is this column, map it to {key} with --columns (balance-check validate --suggest-columns FILE > cols.json writes a mapping to start from)',
    'missing-column.add':
      'Add it to the header row and fill it in, or map a column of the file to {key} with --columns',
    'missing-column.seen': ' (headers not recognised: {seen})',
    'suggest.no-schools': 'no schools table found: no column mapping to write',
    'reading.suggested': 'Column mapping to start from (save as cols.json, check it, rerun with --columns cols.json):',
    'reading.summary-rows': ' ({rows})',
    'reading.summary-row': 'row {row} "{text}"',
    'reading.unmapped': 'columns not used: {columns}',
    // issue 12
    'reading.hiddenSheet': 'a hidden sheet, read',
    'reading.hiddenRows': 'hidden rows {rows} read',
    'reading.hiddenSkipped': 'hidden rows {rows} not read (--skip-hidden)',
    'reading.skippedSheets': 'hidden sheets {sheets} not read (--skip-hidden)',
    'reading.imported': 'education statistics forms, {schools} schools imported through layout {layout}',
    'detail.hint':
      '{n} counties: for the detailed tables of one, use --county NAME; --format xlsx or json gives them all',
    'summary.github': '{verdict} · exit {exit} · {counties} counties · {errors} error(s)',
    'col.failedRules': 'Rules not met',
    'col.worstCv': 'Largest CV',
    'col.item': 'Item',
    'part.partial': 'partly assessed',
    'part.counts': '{judged}/{n} judged, {failed} failed',
    yes: 'yes',
    no: 'no',
    'reason.no-county-sheet': 'no county sheet given',
    'reason.band-straddles-limit': 'a size band straddles the limit (give a class sheet)',
    'reason.not-given': 'not given',
    'reason.no-check': 'no such check',
    'expected.yes': '是 (yes) or 否 (no)',
    'expected.percent': 'a percentage (e.g. 96.5%)',
    'expected.level': 'a level (e.g. Ⅲ)',
    'expected.number': 'a number',
    // issue 9 (evidence)
    'coverage.units': 'school levels',
    'coverage.schools': 'schools',
    'coverage.counts': '{assessed}/{total} with data',
    'part.resources': 'Resource allocation',
    'part.government': 'Government support',
    'part.quality': 'Education quality',
    'part.recognition': 'Public recognition',
    'reason.nothing-assessed': 'no school to assess',
    'reason.gaps': 'for what was assessed; some items are not or only partly assessed, see below',
    'bound.max': 'above the plausible',
    'bound.min': 'below the plausible',
    'slip.wan-yuan-as-yuan': 'probably 万元 figures under a header in 元 (write the header as 教学仪器设备值(万元))',
    'slip.yuan-as-wan-yuan': 'probably a header in 万元 over figures in 元',
    'slip.mu-as-m2': 'probably mu or 10 000 m² figures under a header in m²',
    'slip.m2-too-large': 'probably a unit mistake (mu entered as m²) or extra digits',
    'warnings.exceeded': '{warnings} warning(s), more than --max-warnings {limit}',
    'excluded.more': '{n} more not assessed (--format json lists them all)',
    'counties.none': '(none)',
    'counties.more': ' … ({n} in all)',
    // issue 10 (catalogues): the plain tables (csv, markdown, xlsx)
    'sheet.summary': 'Summary',
    'col.worstCvIndicator': 'Largest CV indicator',
    'sheet.cv': 'CV ({level})',
    'col.cvRow': 'Row',
    'row.mean': 'County mean',
    'row.cv': 'CV',
    'row.met': 'Met',
    'sheet.units': 'Schools ({level})',
    'col.schoolCode': 'Code',
    'col.actual': 'Actual',
    'sheet.checks': 'Checks',
    'col.check': 'Check',
    'usage.no-input': 'no input file (see --help)',
    // issue 10 (catalogues): `standards` and `explain`
    'standards.composite': 'Verdict: mean of the {n} CVs (composite) ≤ {primary} primary, ≤ {junior} junior',
    'standards.each':
      'Verdict: each CV ≤ {primary} primary, ≤ {junior} junior; every school meets ≥ {minMet} standards, the rest ≥ {floor}%',
    'standards.hint': 'balance-check explain <indicator> shows a definition and its thresholds.',
    'explain.unit': 'unit',
    'explain.definition': 'Definition',
    'explain.formula': 'Formula',
    'explain.source': 'Source',
    'explain.primary': 'primary',
    'explain.junior': 'junior',
    'explain.each': 'each school ≥',
    'explain.floor': '; if unmet at least {value} ({pct}%)',
    'explain.cv': 'CV: primary ≤ {primary}, junior ≤ {junior}',
    'explain.composite': 'Single CV reported, not judged; the mean of {n} CVs ≤ {primary} primary, ≤ {junior} junior',
    'sheet.findings': 'Findings',
    'col.severity': 'Severity',
    'col.findingCode': 'Code',
    'col.file': 'File',
    'col.sheet': 'Sheet',
    'col.row': 'Row',
    'col.column': 'Column',
    'col.header': 'Header',
    'col.rawValue': 'Value',
    'col.message': 'Message',
    // issue 10 (checks)
    'template.level':
      'may be blank for one-level schools; multi-level schools one row per level, shared facilities on a 全校 row, split {weights}',
    'template.locale': 'rural schools of {min}–{max} pupils may count visiting PE and art teachers',
    'template.classes': 'for the music and art rooms (1 per {per} classes)',
    // issue 14 (plan): `plan` and `diff` text
    'plan.title': 'Gaps and plan',
    'usage.diff': 'diff needs two inputs: OLD NEW (see --help)',
    'plan.before': 'now',
    'plan.after': 'after the plan',
    'plan.not-planned': 'the data has errors, no plan: fix the data problems first',
    'plan.nothing': 'no gaps: everything is met',
    'plan.size': 'School size',
    'plan.size.row': '{name} {students} pupils (cap {limit}), {excess} over',
    'plan.size.to': ' → move them to {to}',
    'plan.size.none': ' → no school of that level can take them: build or extend a school',
    'plan.classes': 'Class size (classes added, pupils spread evenly)',
    'plan.classes.row':
      '{name} {level} {classes} classes, {pupils} pupils, largest {largest}: add {add} (to end 大班额 {large}, 超大班额 {superLarge})',
    'plan.rooms': 'Music and art rooms (1 each per {per} classes)',
    'plan.rooms.row': '{name} {classes} classes, needs {needed} of each: music +{music}, art +{art}',
    'plan.staffing': 'Full-time teachers (pupil–teacher norm {norm} : 1)',
    'plan.staffing.row': '{name} {students} pupils, {teachers} teachers: +{add}',
    'plan.units': 'Per-school gaps (at least {minMet} standards met, the rest ≥ {floor}%)',
    'plan.units.left': ' ({indicator} may stay unmet, chosen by {rule})',
    'plan.rule.cost': 'lowest unit cost',
    'plan.rule.relative': 'smallest relative gap',
    'plan.floor': 'to the {floor}% floor',
    'plan.classes.even':
      '{name} {classes} classes, {pupils} pupils, largest {largest}: spread the pupils evenly, no class to add',
    'plan.cv': 'CVs (now → after the school additions → after further additions, limit)',
    'plan.cv.row': '{indicator} {before} → {afterPlan} → {after} (≤ {limit})',
    'plan.cv.further':
      'further: {n} schools below {value} raised to about {value}, each trimmed to the least ({amounts})',
    'plan.totals': 'Totals',
    'plan.budget': 'budget about {budget} yuan',
    'plan.budget.missing': ' (without {kinds}: no unit cost in the profile)',
    'plan.budget.none': 'the profile has no unit costs (costs): no budget estimated',
    'plan.amount': '{name} +{amount} {unit}',
    'plan.locales': 'Urban / town / rural (means now, CV within each in brackets)',
    'plan.locales.row': '{indicator}  urban {urban}  town {town}  rural {rural}  rural/urban {ratio}',
    'plan.q.musicRooms': 'music rooms',
    'plan.q.artRooms': 'art rooms',
    'plan.moved': '{n} pupils moved',
    'plan.classes-added': '{n} classes added',
    'plan.method':
      'Method: pupils over a school’s cap move first, then classes are added up to the class-size limit, music/art rooms and the teachers the norm asks for; each school is raised to the standards at the least cost (the one standard allowed unmet to {floor}%); where a CV is still over its limit, the lowest schools are raised to one common value (water-filling), the least that meets the limit, then each school’s addition is trimmed until one unit less at any school would put the CV over its limit. All amounts are whole (teachers, m², yuan, rooms), rounded up.',
    'plan.scenario': 'Scenario {file}: now → after',
    'plan.scenario.units': 'Schools whose verdict changes',
    'plan.scenario.none': 'no school’s verdict changes',
    'plan.written': 'wrote the scenario {file} ({n} changes)',
    'kind.teacherYear': 'teachers',
    'kind.buildingM2': 'm²',
    'kind.groundM2': 'm²',
    'kind.yuan': 'yuan',
    'kind.room': 'rooms',
    'kind.classroom': 'classes',
    'costs.teacherYear': 'teachers',
    'costs.buildingM2': 'buildings',
    'costs.groundM2': 'sports ground',
    'costs.room': 'rooms',
    'costs.classroom': 'classrooms',
    // plan-more (issue 14): teachers counted once, CV trim, composite, classes by grade, 班师比
    'plan.teachers.hired': 'hire {n} teachers (they count for the kinds above)',
    'plan.teachers.rule':
      'Teachers are counted as people: one new teacher can count as qualified, backbone, PE/art and for the pupil–teacher norm at once, so each school hires the largest of what each kind needs (each kind still listed); totals and the budget count the hires only.',
    'plan.composite':
      'Composite CV (the mean of the CVs; now → after the school additions → after further additions, limit)',
    'plan.composite.row': '{before} → {afterPlan} → {after} (≤ {limit})',
    'plan.composite.indicator': '{indicator} {before} → {afterPlan} → {after}: {n} schools {amounts}',
    'plan.classes.grades': '; by grade: {list}',
    'plan.grade': 'grade {n}',
    'plan.grade.digits': '123456789',
    'plan.staffing.both': 'Full-time teachers (pupil–teacher norm {norm} : 1, {ratio} teachers per class)',
    'plan.staffing.binds':
      ' (short {byPupils} by pupils, {byClasses} by classes ({classes} classes): the {binds} norm binds)',
    'plan.binds.pupils': 'pupil–teacher',
    'plan.binds.classes': 'teachers-per-class',
    'plan.composite.method':
      'Where the composite CV is still over its limit, every CV above one common cap is brought down to it (each by water-filling its lowest schools), the highest cap with which the composite meets its limit, then each school’s addition is trimmed until one unit less at any school would put the composite over its limit.',
    'diff.title': 'Diff: {old} → {new}',
    'diff.verdict': 'verdict: {was} → {now}',
    'diff.added': 'county added',
    'diff.removed': 'county no longer in the new data',
    'diff.cv': '{indicator}: CV {cvThen} → {cvNow}, mean {meanThen} → {meanNow}',
    'diff.units': 'Schools that changed',
    'diff.unit': '{name} {level}: {was} → {now}',
    'diff.indicator': '    {indicator} {was} → {now}',
    'diff.schools-added': 'schools added: {names}',
    'diff.schools-removed': 'schools removed: {names}',
    'diff.classes': '{name} {level}: 大班额 {largeThen} → {largeNow}, 超大班额 {superThen} → {superNow}',
    'diff.check': '{check}: {was} → {now}',
    'diff.none': 'no change',
    'diff.worse': 'worse: {n} (exit code 1)',
    'diff.not-worse': 'nothing got worse',
    // issue 13 (html report): chart captions, marks and legend
    'html.cvChart': '{level}: CV of each indicator (limit {limit})',
    'html.unitChart': '{level}: {indicator} ({unit}), schools from highest to lowest',
    'html.histogram': '{level}: classes by pupils per class',
    'html.summaryChart': 'Largest CV per county against its limit (per county, left to right: {levels})',
    'html.standardLine': 'standard {value}',
    'html.floorLine': '{pct}% {value}',
    'html.limitLine': 'limit {value}',
    'html.levelLimitLine': '{level} limit {value}',
    'html.classLimit': 'class limit {n}',
    'html.largeMark': 'large {n}',
    'html.superLargeMark': 'very large {n}',
    'html.composite': 'Composite',
    'html.legendMet': 'met',
    'html.legendWarn': 'not met, at least {pct}%',
    'html.legendFail': 'not met',
    'html.legendFloor': 'below {pct}%',
    'html.legendOver': 'over the class limit',
    'html.chartsCapped':
      'This report has {units} school levels, more than {max}: the per-school and class-size charts are left out (the tables list every school); --county shows one county with its charts',
    'html.binUpTo': '≤{max}',
    'html.binFrom': '≥{min}',
    'html.countyChartsCapped':
      'This report has {counties} counties, more than {max}: only the chart comparing them is drawn, not each county’s own; --county shows one county with its charts',
    // issue 13 (sections): section titles and sheet names, column heads, notes and the report heading
    'section.summary': 'Summary',
    'section.checks': 'checks',
    'section.cv': 'variation coefficients',
    'section.units': 'schools',
    'section.class-size': 'class size',
    'section.class-size-schools': 'schools over the class limit',
    'section.school-size': 'school size',
    'section.special-rooms': 'music and art rooms',
    'section.staffing': 'pupil–teacher ratio',
    'section.county-items': 'county items',
    'section.excluded': 'schools not assessed',
    'section.findings': 'Data problems',
    'section.reading': 'How the files were read',
    'section.sheet': '{name} ({level})',
    'col.no': 'No.',
    'col.composite': 'Composite',
    'col.compositeInfo': 'Composite (information only)',
    'col.basic': 'Floor',
    'col.target': 'Standard',
    'col.amount': '{what} ({unit})',
    'col.numerator': 'Numerator',
    'col.metCount': 'Standards met',
    'col.source': 'Source',
    'col.level': 'Level',
    'col.type': 'School type',
    'col.reason': 'Reason',
    'col.role': 'Binding/advisory',
    'col.unmet': 'Not met',
    'col.coverage': 'Coverage',
    'col.notes': 'Notes',
    'col.share': 'Share',
    'col.overClasses': 'Classes over the limit',
    'col.norm': 'Norm (pupils:1)',
    'col.ratioN': 'Ratio (pupils:1)',
    'col.part': 'Part',
    'col.table': 'Table',
    'col.headerRow': 'Header row',
    'col.rows': 'Rows',
    'col.subject': 'Subject',
    'col.indicatorName': '{name} ({unit})',
    'row.sd': 'Standard deviation',
    'row.limit': 'Limit',
    'row.county': 'County',
    'row.total': 'Total',
    'role.binding': 'binding',
    'role.advisory': 'advisory',
    'severity.error': 'error',
    'severity.warning': 'warning',
    'severity.info': 'info',
    'note.none': 'none',
    'note.notAssessed': 'not assessed: {reason}',
    'note.notAssessedPlain': 'not assessed',
    'note.level': '{units} schools, {students} pupils',
    'note.compositeInfo': 'Composite: the mean of the {count} CVs, information only, not judged',
    'note.compositeJudged': 'Composite: the mean of the {count} CVs (composite CV), judged against its limit',
    'note.cvNull': '{indicator}: {reason}',
    'note.floor':
      'Floor: {floor}% of the standard; every school meets at least {minMet} standards and the rest reach the floor',
    'note.schoolVerdict': 'Met: 1 met, 0 not met',
    'note.amount':
      "Numerator: the school's quantity (split by level for multi-level schools); actual = numerator × 100 ÷ pupils for per-100 indicators, else numerator ÷ pupils",
    'note.noUnitStandards': 'This standard does not judge single schools: their values are listed',
    'note.classLimits':
      'primary ≤ {primary}, junior ≤ {junior}; large {largeMin}–{largeMax}, super-large ≥ {superLarge}',
    'note.uncertain': '{n} classes are in size bands that straddle the limit and cannot be judged (give a class sheet)',
    'note.rooms': 'one music and one art room per {per} classes',
    'note.staffing': 'primary {primary}:1, junior {junior}:1',
    'note.advisory': 'advisory, does not change the verdict',
    'note.partLine': '{part}: {result}',
    'note.partCounts': '{word} ({judged}/{n} judged, {failed} failed)',
    'note.suggested':
      '{sheet}: a needed column is missing; --format json has a column mapping to start from (reading.suggestedColumns)',
    'heading.title': '{standard}: report',
    'heading.standard': 'Standard: {name} ({document})',
    'heading.counties': 'Reporting unit: {names}',
    'heading.verdict': 'Verdict: {verdict} (exit {exit})',
    'heading.date': 'Date: {date}',
    'heading.tool': 'Made by balance-check {version}',
    // issue 16 (exe): a file dropped on the Windows executable
    'drop.saved': 'Report saved: {path}',
    'drop.not-saved': 'The report was not saved: {reason}',
    'drop.press-enter': 'Press Enter to close this window',
    // issue 15 (import of the statistics forms)
    'import.title': 'Import of the education statistics forms',
    'import.files': 'Files',
    'import.schools': 'Schools',
    'import.written': 'Wrote {file}: {rows} rows ({schools} schools)',
    'import.not-written': 'No workbook written (no school to import)',
    'import.skipped': 'Skipped',
    'import.to-fill': 'To fill in (left blank)',
    'import.framed': 'with row/column frame',
    'import.reason.not-a-form': 'not a form of the layout',
    'import.reason.summary-row': 'total or subtotal row',
    'import.reason.blank-name': 'no school name',
    'import.reason.not-a-statistics-export': 'not a statistics export',
    'import.reason.out-of-scope': 'out of scope',
    'import.reason.not-held': 'not in the forms',
    'import.reason.not-found': 'not found (place unconfirmed)',
    'import.na': 'not applicable',
    'import.row': 'row',
    'import.note': 'The statistics forms do not hold this column: fill it in',
  },
} as const satisfies Record<Lang, Dict>;

/** A finding code: a key of the catalogue, so `finding('no-such-code', …)` does not compile. */
export type FindingCode = keyof typeof FINDINGS.zh;
/** A UI label: label(lang, key) takes only these. */
export type LabelKey = keyof typeof LABELS.zh;
/** A fatal error's code (exit 3): FatalError takes only these. */
export type FatalCode = keyof typeof FATAL.zh;
/** true when A and B are the same set of keys. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Both languages have every code and label: a key missing from either does not compile.
const bothLanguages: [
  SameKeys<FindingCode, keyof typeof FINDINGS.en>,
  SameKeys<LabelKey, keyof typeof LABELS.en>,
  SameKeys<FatalCode, keyof typeof FATAL.en>,
] = [true, true, true];
void bothLanguages;

/** The {names} of a template. */
type Holes<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;
/** Holes filled from the finding itself (its header and cell value), not from params. */
type OwnHoles = 'header' | 'value';
/** Findings whose params localise() turns into another hole: not-assessed lists check and part ids as {items}. */
interface DerivedParams {
  'not-assessed': { checks: string; parts: string };
  /** issue 12: {advice} is made from the closest header (or none) and the headers not used. */
  'missing-column': { standard: string; key: string; nearest: string; nearestColumn: string; seen: string };
}
/** The params a finding's templates need, in both languages. */
export type FindingParams<C extends FindingCode> = C extends keyof DerivedParams
  ? DerivedParams[C]
  : {
      [K in Exclude<Holes<(typeof FINDINGS)['zh'][C]> | Holes<(typeof FINDINGS)['en'][C]>, OwnHoles>]: string | number;
    };

/** The families of labels whose keys are built from an id: check.cv, reason.no-data, type_nine_year, primary … */
export type LabelPrefix =
  | 'check.'
  | 'reason.'
  | 'type_'
  | 'part.'
  | 'coverage.'
  | 'slip.'
  | 'bound.'
  | 'expected.'
  | 'table.'
  | '';

export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params && params[k] !== undefined ? String(params[k]) : m,
  );
}

export function label(lang: Lang, key: LabelKey, params?: Record<string, unknown>): string {
  return format(LABELS[lang][key], params);
}

/**
 * The label `${prefix}${id}` for an id that comes from data (a report, a profile); undefined when there is none,
 * so a caller decides in the open what an unknown id shows, and a raw key never prints by accident.
 */
export function labelOf(
  lang: Lang,
  prefix: LabelPrefix,
  id: string,
  params?: Record<string, unknown>,
): string | undefined {
  const key = `${prefix}${id}`;
  return Object.hasOwn(LABELS[lang], key) ? label(lang, key as LabelKey, params) : undefined;
}

/** Words for an id from data (a check, a reason, a level): every built-in id has a label (test/catalogue.test.ts);
 * an id from a custom profile without one shows as itself, never as its label key. */
export function idLabel(lang: Lang, prefix: LabelPrefix, id: string, params?: Record<string, unknown>): string {
  return labelOf(lang, prefix, id, params) ?? id;
}

/** One line for a fatal error (exit 3), in the user's language. */
export function fatalMessage(e: unknown, lang: Lang): string {
  if (e instanceof FatalError && Object.hasOwn(FATAL[lang], e.code))
    return format(FATAL[lang][e.code], safeParams(localParams(e.params, lang)));
  // A FatalError's code is typed; one smuggled past the types is an internal error, never printed as itself.
  const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return format(FATAL[lang]['internal-error'], safeParams({ reason }));
}

/**
 * A fatal error's params in the user's language: `reason` / `kind` codes become words (REASONS), and a
 * param written `name@zh` / `name@en` (e.g. a library message made in both languages) replaces `name`.
 */
// issue 9 (read safety)
function localParams(params: Record<string, string | number>, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  for (const [k, v] of Object.entries(params)) {
    const m = /^(\w+)@(zh|en)$/.exec(k);
    if (m && m[2] === lang) out[m[1]!] = v;
  }
  for (const k of ['kind', 'reason']) {
    const v = out[k];
    if (typeof v === 'string' && Object.hasOwn(REASONS[lang], v)) out[k] = format(REASONS[lang][v]!, out);
  }
  return out;
}
/** Parameters come from the data and the command line: no control sequence reaches stderr, no value runs on. */
function safeParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params))
    out[k] = typeof v === 'string' ? truncate(terminalSafe(v), FATAL_PARAM_COLUMNS) : v;
  return out;
}
const FATAL_PARAM_COLUMNS = 300;

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** A count as prose: Chinese numerals in zh (八, 十二, 二十), digits in en. */
export function countWord(lang: Lang, n: number): string {
  return COUNT_WORDS[lang](n);
}
const COUNT_WORDS: Record<Lang, (n: number) => string> = {
  zh: (n) => {
    if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
    if (n < 10) return ZH_DIGITS[n]!;
    const [tens, ones] = [Math.floor(n / 10), n % 10];
    return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
  },
  en: (n) => String(n),
};
