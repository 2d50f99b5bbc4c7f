# Peer: a pandas script doing the same work as `balance-check FILE -f json -o OUT` on the bench data
# (canonical layout, single-level schools): read, the seven quality-2017 indicators per unit with
# met / 85 % floor / unit verdict (6 of 7 met, none below the floor), the enrolment-weighted CV per
# county × level against its limit, and a JSON report of every unit. The honest yardstick for "as fast
# as a data scientist's script"; it validates nothing and locates nothing, which balance-check does.
#   python3 bench/peers/pandas_same_work.py FILE.csv|FILE.xlsx OUT.json
import json
import sys

import numpy as np
import pandas as pd

path, out = sys.argv[1], sys.argv[2]
if path.endswith('.csv'):
    df = pd.read_csv(path, dtype={'学校代码': str})
else:
    df = pd.read_excel(path, sheet_name=0, dtype={'学校代码': str})

LEVEL = {'小学': 'primary', '初中': 'junior'}
# id, numerator columns, per, standard (primary, junior)
INDICATORS = [
    ('qualified_teachers_per100', ['高于规定学历教师数'], 100, (4.2, 5.3)),
    ('backbone_teachers_per100', ['县级以上骨干教师数'], 100, (1.0, 1.0)),
    ('pe_art_teachers_per100', ['体育专任教师数', '音乐专任教师数', '美术专任教师数'], 100, (0.9, 0.9)),
    ('teaching_area_per_pupil', ['教学及辅助用房面积'], 1, (4.5, 5.8)),
    ('sports_area_per_pupil', ['体育运动场馆面积'], 1, (7.5, 10.2)),
    ('equipment_value_per_pupil', ['教学仪器设备值'], 1, (2000, 2500)),
    ('multimedia_rooms_per100', ['网络多媒体教室数'], 100, (2.3, 2.4)),
]
CV_LIMIT = {'primary': 0.5, 'junior': 0.45}
EPS = 1e-9

df['level'] = df['学段'].map(LEVEL)
df = df[df['level'].notna() & (df['在校生数'] > 0)].copy()
students = df['在校生数'].astype(float)
junior = (df['level'] == 'junior').to_numpy()
met_count = np.zeros(len(df), dtype=int)
all_above_floor = np.ones(len(df), dtype=bool)
for ind, cols, per, (std_p, std_j) in INDICATORS:
    value = df[cols].sum(axis=1).astype(float) * per / students
    std = np.where(junior, std_j, std_p)
    floor = np.round(std * 0.85, 12)
    df[ind] = value
    met = value.to_numpy() >= std - EPS * np.maximum(1, std)
    above = met | (value.to_numpy() >= floor - EPS * np.maximum(1, floor))
    df[ind + ':met'] = met
    met_count += met
    all_above_floor &= above
df['met'] = met_count
df['pass'] = (met_count >= 6) & all_above_floor


def cvs(g):
    w = g['在校生数'].astype(float).to_numpy()
    total = w.sum()
    res = {}
    for ind, *_ in INDICATORS:
        x = g[ind].to_numpy()
        mean = (w * x).sum() / total
        sd = np.sqrt(((w / total) * (x - mean) ** 2).sum())
        res[ind] = {'mean': float(mean), 'sd': float(sd), 'cv': float(sd / mean) if len(x) > 1 and mean else None}
    return res


counties = []
for (county, level), g in df.groupby(['县区', 'level'], sort=False):
    c = cvs(g)
    counties.append({
        'county': county,
        'level': level,
        'indicators': [{'id': k, **v, 'pass': None if v['cv'] is None else bool(v['cv'] <= CV_LIMIT[level] + EPS)} for k, v in c.items()],
    })
units = []
ids = [i[0] for i in INDICATORS]
for row in df[['学校代码', '学校名称', '县区', 'level', '在校生数', 'met', 'pass', *ids]].itertuples(index=False):
    units.append({
        'code': row[0], 'name': row[1], 'county': row[2], 'level': row[3], 'students': int(row[4]),
        'met': int(row[5]), 'pass': bool(row[6]),
        'indicators': [{'id': k, 'value': float(v)} for k, v in zip(ids, row[7:])],
    })
with open(out, 'w', encoding='utf-8') as f:
    json.dump({'levels': counties, 'units': units}, f, ensure_ascii=False)
print(len(units))
