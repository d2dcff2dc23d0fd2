#!/bin/sh
# The prose files counted by corpus.py: package documentation on the build machine (Debian's
# /usr/share/doc, npm's and this repository's node_modules, pyenv's Python docs). Writes files.txt.
# Usage: sh list_files.sh [repository root, default: two levels above this script]
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
find "$root/node_modules" /usr/share/doc /usr/lib/node_modules /root/.pyenv -type f \
  \( -name '*.md' -o -name '*.rst' -o -name '*.txt' \) 2>/dev/null > files.txt
wc -l files.txt
