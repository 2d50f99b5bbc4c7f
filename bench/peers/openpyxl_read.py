# Peer: openpyxl in read-only mode, reading every cell of every sheet (read only, nothing computed).
import sys
from openpyxl import load_workbook

wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
n = 0
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        n += 1
print(n)
