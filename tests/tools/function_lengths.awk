# Prints every function body longer than `limit` lines (default 80) as
# "FILE:LINE: function NAME has N lines (more than LIMIT)", and exits 1 if
# there is one. Usage: awk -v limit=80 -f function_lengths.awk FILE...
#
# A brace counter, not a parser: fast (the whole tree in well under a
# second, where clang-tidy needs minutes) and dependency-free, and exact on
# clang-formatted code. It measures what clang-tidy's
# readability-function-size LineThreshold measures: the line of a body's
# closing brace minus the line of its opening brace. A body is a brace
# opened at namespace or class scope after a parameter list (with its
# qualifiers, trailing return type or constructor initialisers); lambdas
# and local classes count towards the function around them. Comments,
# string and character literals and preprocessor lines are ignored.
BEGIN {
  if (limit == "") limit = 80
  failed = 0
}

FNR == 1 { start_file() }

{
  line = strip_literals_and_comments($0)
  if (continued || line ~ /^[ \t]*#/) {
    continued = (line ~ /\\[ \t]*$/)
    next
  }
  scan(line)
}

END { exit failed }

function start_file() {
  depth = 0         # braces open
  kind[0] = "namespace"
  header = ""       # text since the last ; { } at this scope
  parens = 0        # parentheses open in the header
  in_block_comment = 0
  continued = 0
}

# The line without comments and literals ("" and '' stay as placeholders).
function strip_literals_and_comments(s,    out, c, n, i, q) {
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
    # A quote after a digit is a digit separator (1'000), not a literal.
    if (c == "\"" || (c == "'" && substr(s, i - 1, 1) !~ /[0-9A-Fa-f]/)) {
      q = c
      for (i++; i <= n && substr(s, i, 1) != q; i++)
        if (substr(s, i, 1) == "\\") i++
      out = out q q
      continue
    }
    out = out c
  }
  return out
}

function scan(s,    i, c, n) {
  n = length(s)
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (kind[depth] == "function" || kind[depth] == "other") {
      if (c == "{") kind[++depth] = "other"
      else if (c == "}") close_brace()
      continue
    }
    # Namespace or class scope: the header decides what a brace opens.
    if (c == "(") parens++
    else if (c == ")") parens--
    if (c == "{") open_brace()
    else if (c == "}") close_brace()
    else if (c == ";" && parens == 0) header = ""
    else header = header c
  }
  header = header " "
}

function open_brace(    k) {
  k = classify(header)
  kind[++depth] = k
  if (k == "function") {
    body_line[depth] = FNR
    body_name[depth] = name_of(header)
  }
  # An initialiser's braces stay in the header (a constructor's a_{1}).
  if (k == "other" && parens > 0 || k == "init") header = header "{"
  else header = ""
  if (k == "init") kind[depth] = "other"
  init_open[depth] = (k == "init" || parens > 0)
}

function close_brace(    lines) {
  if (depth == 0) return
  if (kind[depth] == "function") {
    lines = FNR - body_line[depth]
    if (lines > limit) {
      printf "%s:%d: function %s has %d lines (more than %d)\n",
             FILENAME, body_line[depth], body_name[depth], lines, limit
      failed = 1
    }
  }
  if (init_open[depth]) header = header "}"
  else header = ""
  depth--
}

# "function", "namespace", "class", "init" (a brace initialiser inside a
# declaration, which goes on) or "other" (enum bodies and the like).
function classify(h,    rest, p) {
  gsub(/[ \t]+/, " ", h)
  sub(/^ /, "", h)
  if (parens > 0) return "init"
  if (h ~ /^(inline )?namespace( |$)/ || h ~ /^extern ""/) return "namespace"
  p = last_index(h, ")")
  if (p > 0) {
    rest = substr(h, p + 1)
    # Qualifiers, a trailing return type, or constructor initialisers.
    if (rest ~ /^ *((const|override|final|noexcept|mutable|volatile|&|&&) *)*(->[^=]*)?$/ ||
        rest ~ /^ *:.*[)}] *$/)
      return "function"
  }
  h = without_template_head(h)
  if (h ~ /(^|[^A-Za-z0-9_])(class|struct|union)( |$)/ && h !~ /(^|[^A-Za-z0-9_])enum /) return "class"
  if (h ~ /[A-Za-z0-9_>\]] ?$/ && h !~ /(^|[^A-Za-z0-9_])enum /) return "init"
  return "other"
}

# "class X" of "template <typename T, typename = F<T>> class X".
function without_template_head(h,    i, c, open) {
  if (h !~ /^template ?</) return h
  open = 0
  for (i = index(h, "<"); i <= length(h); i++) {
    c = substr(h, i, 1)
    if (c == "<") open++
    else if (c == ">" && --open == 0) break
  }
  h = substr(h, i + 1)
  sub(/^ /, "", h)
  return h
}

function last_index(s, t,    p, q) {
  p = 0
  while ((q = index(substr(s, p + 1), t)) > 0) p += q
  return p
}

# The word before the parameter list: "F" in "void F(int) {", "lambda" for
# "[](int) {" and "operator()" and the like as they are written.
function name_of(h,    p, before) {
  gsub(/[ \t]+/, " ", h)
  p = index(h, "(")
  before = substr(h, 1, p - 1)
  sub(/ $/, "", before)
  if (before ~ /\]$/ || before == "") return "lambda"
  if (match(before, /[A-Za-z_~][A-Za-z0-9_:~]*(<[^()]*>)?$/)) return substr(before, RSTART, RLENGTH)
  return before
}
