# Prints every run of `window` (default 10) or more code lines that appears
# twice, in one file or in two, as
#   "FILE:FIRST-LAST repeats FILE:FIRST-LAST (N lines)"
# and exits 1 if there is one. Usage: awk -v window=10 -f duplicate_lines.awk FILE...
#
# Lines are compared after their comments are removed and their whitespace
# collapsed; lines that carry no code of their own are skipped (blank
# lines, comments, lone braces and other punctuation, preprocessor lines,
# namespace lines, access specifiers, "} else {"), so that a copy does not
# hide behind reformatting. Deterministic: files are read in the order
# given, and each repeat is reported against its first occurrence.
BEGIN {
  if (window == "") window = 10
  files = 0
  failed = 0
}

FNR == 1 {
  name[++files] = FILENAME
  count[files] = 0
  in_block_comment = 0
}

{
  s = normalise($0)
  if (trivial(s)) next
  k = ++count[files]
  text[files, k] = s
  where[files, k] = FNR
}

END {
  for (f = 1; f <= files; f++) find_repeats(f)
  exit failed
}

# The code of a line: comments removed (string literals kept verbatim),
# whitespace collapsed to single spaces, none at either end.
function normalise(s,    out, c, n, i, q) {
  out = ""
  n = length(s)
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (in_block_comment) {
      if (c == "*" && substr(s, i + 1, 1) == "/") { in_block_comment = 0; i++ }
      continue
    }
    if (c == "/" && substr(s, i + 1, 1) == "/") break
    if (c == "/" && substr(s, i + 1, 1) == "*") { in_block_comment = 1; i++; continue }
    if (c == "\"" || (c == "'" && substr(s, i - 1, 1) !~ /[0-9A-Fa-f]/)) {
      q = c
      out = out c
      for (i++; i <= n && substr(s, i, 1) != q; i++) {
        if (substr(s, i, 1) == "\\") { out = out "\\"; i++ }
        out = out substr(s, i, 1)
      }
      out = out q
      continue
    }
    out = out c
  }
  gsub(/[ \t\r]+/, " ", out)
  sub(/^ /, "", out)
  sub(/ $/, "", out)
  return out
}

function trivial(s) {
  return s ~ /^[{}();,]*$/ || s ~ /^#/ || s ~ /^(inline )?namespace( |$)/ ||
         s ~ /^(public|private|protected):$/ || s == "} else {"
}

# Each window of file f that appeared before (in an earlier file, or
# earlier in f without overlapping it) extends or starts a run; a run is
# reported when it ends.
function find_repeats(f,    k, j, key, seen, run_len, of, ok, prev_f, prev_k) {
  run_len = 0
  for (k = 1; k + window - 1 <= count[f]; k++) {
    key = text[f, k]
    for (j = 1; j < window; j++) key = key "\n" text[f, k + j]
    if (!(key in first)) {
      first[key] = f SUBSEP k
      seen = 0
    } else {
      split(first[key], at, SUBSEP)
      of = at[1] + 0; ok = at[2] + 0
      seen = !(of == f && k - ok < window)
    }
    if (seen && run_len > 0 && of == prev_f && ok == prev_k + 1) {
      run_len++
    } else {
      if (run_len > 0) report(f, k - run_len, prev_f, prev_k - run_len + 1, run_len)
      run_len = seen ? 1 : 0
    }
    if (seen) { prev_f = of; prev_k = ok }
  }
  if (run_len > 0) report(f, k - run_len, prev_f, prev_k - run_len + 1, run_len)
}

# A run of `windows` windows from code line k of f, first seen from code
# line ok of file of.
function report(f, k, of, ok, windows,    last) {
  last = windows + window - 2
  printf "%s:%d-%d repeats %s:%d-%d (%d lines)\n",
         name[f], where[f, k], where[f, k + last],
         name[of], where[of, ok], where[of, ok + last], windows + window - 1
  failed = 1
}
