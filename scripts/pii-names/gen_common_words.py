"""Generates src/detect/pii/common-words.ts from corpus_counts.json (see corpus.py), Debian's
wamerican word list and the names of first-names.ts. Run in the directory holding
corpus_counts.json. Usage: python3 gen_common_words.py [output .ts] [first-names.ts to read]
"""
import json, os, sys, textwrap, re
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '../../src/detect/pii/common-words.ts')
FIRST_NAMES = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '../../src/detect/pii/first-names.ts')
cnt = json.load(open('corpus_counts.json'))
words = set(w.strip() for w in open('/usr/share/dict/american-english') if w.strip().islower() and w.strip().isalpha())
src = open(FIRST_NAMES).read(); names = set(src.split('FIRST_NAMES = `')[1].split('`')[0].split())
N = 3000
ranked = sorted((w for w in cnt if w.islower() and w in words and len(w) >= 2), key=lambda w: -cnt[w])
top = [w for w in ranked[:N] if w not in names]
def block(ws): return '\n'.join(textwrap.wrap(' '.join(ws), 100))
out = f"""// Generated file: do not edit by hand.
// The {N} most frequent lower-case words of English prose found on a Debian build machine (package
// documentation, tldr pages), kept only if Debian's wamerican word list (SCOWL) has them, less the
// first names of first-names.ts. Used to tell a surname or a name from an ordinary word.

/** Common English words, lower-case, space-separated. */
export const COMMON_WORDS = `
{block(top)}
`;
"""
open(OUT, 'w').write(out)
print(len(top), len(out)); print(top[:100]); print(top[-100:])
