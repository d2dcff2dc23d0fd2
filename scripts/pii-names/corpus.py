"""Word counts over local English prose: the files listed in files.txt (see list_files.sh), the
prompt-injection training texts and the tldr pages of the shared datasets. Writes corpus_counts.json
in the current directory. Usage: python3 corpus.py [datasets dir, default ../shared/datasets of the repo]
"""
import re, json, collections, os, sys
DATASETS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/datasets')
cnt = collections.Counter()
tok = re.compile(r"[A-Za-z]+")
def feed(s):
    for w in tok.findall(s): cnt[w] += 1
for p in open('files.txt').read().split('\n'):
    if not p: continue
    try:
        if os.path.getsize(p) > 5_000_000: continue
        feed(open(p, errors='ignore').read())
    except Exception: pass
for l in open(os.path.join(DATASETS, 'injection/train.jsonl')):
    try: feed(json.loads(l).get('text',''))
    except Exception: pass
for root, _, fs in os.walk(os.path.join(DATASETS, 'commands/tldr')):
    for f in fs:
        if f.endswith('.md'): feed(open(os.path.join(root,f), errors='ignore').read())
json.dump(cnt, open('corpus_counts.json','w'))
print(sum(cnt.values()), len(cnt))
