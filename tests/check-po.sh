#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The translation is complete: every file with UI strings is in POTFILES.in, every string in the
# sources has a Russian translation, and ru.po compiles without fuzzy or untranslated entries.
# Usage: check-po.sh SOURCE_ROOT     (prints TAP)
set -u
root=${1:?source root}
cd "$root" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..4"

# 1. POTFILES.in lists every file that has translatable strings, and only existing files.
grep -rlE '(\b_|\bN_|\bC_|g_dngettext) ?\(' src --include='*.c' > "$tmp/with-strings"
grep -rl 'translatable="yes"' ui --include='*.ui' >> "$tmp/with-strings"
ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml >> "$tmp/with-strings"
LC_ALL=C sort -u "$tmp/with-strings" > "$tmp/expected"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/listed"
if diff -u "$tmp/expected" "$tmp/listed" > "$tmp/diff"; then
  echo "ok 1 POTFILES.in is complete and sorted"
else
  echo "not ok 1 POTFILES.in differs from the files with translatable strings"
  sed 's/^/# /' "$tmp/diff"
fi

# 2. Every string the sources mark has a Russian translation.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=g_dcgettext:2 \
  -f po/POTFILES.in -o "$tmp/itogi.pot" 2> "$tmp/xgettext.err"
if [ ! -s "$tmp/itogi.pot" ]; then
  echo "not ok 2 xgettext produced no template"
  sed 's/^/# /' "$tmp/xgettext.err"
elif msgcmp po/ru.po "$tmp/itogi.pot" > "$tmp/msgcmp" 2>&1; then
  echo "ok 2 every source string is translated in ru.po ($(grep -c '^msgid ' "$tmp/itogi.pot") strings)"
else
  echo "not ok 2 strings without a Russian translation"
  sed 's/^/# /' "$tmp/msgcmp" | head -40
fi

# 3. ru.po compiles, formats match, nothing fuzzy or untranslated.
stats=$(msgfmt --check --statistics -o /dev/null po/ru.po 2>&1)
if [ $? -eq 0 ] && ! grep -qE 'fuzzy|untranslated' <<< "$stats"; then
  echo "ok 3 ru.po: $stats"
else
  echo "not ok 3 ru.po: $stats"
fi

# 4. The plural rule is the Russian one (three forms).
if grep -q 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);' po/ru.po; then
  echo "ok 4 ru.po has the Russian plural rule"
else
  echo "not ok 4 ru.po lacks the Russian plural rule"
fi
