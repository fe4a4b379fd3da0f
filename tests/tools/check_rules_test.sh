#!/bin/bash
# The code-rule checkers catch what they should and nothing else: planted
# trees with a file of 401 lines, a function of 81 (in each place a
# function can be written) and ten repeated lines fail; the same one line
# shorter, and code whose braces hide in strings, comments and
# initialisers, pass; so do include cycles between folders.
# Usage: check_rules_test.sh
tools=$(cd "$(dirname "$0")" && pwd)
source "$tools/../cli/lib.sh"

# `lines PREFIX N`: N distinct statements.
lines() { for ((i = 1; i <= $2; i++)); do echo "  $1_$i += $i;"; done; }
# A fresh tree in folder $1 with sim/, analysis/ and bench/.
tree() { rm -rf "$1"; mkdir -p "$1/sim" "$1/analysis" "$1/bench"; }
sizes() { bash "$tools/check_code_size.sh" --root "$@" > "$WORK/out.txt"; }
dups() { bash "$tools/check_duplicates.sh" --root "$1" > "$WORK/out.txt"; }
fails() { "$@"; [ $? -eq 1 ]; }
said() { grep -q -- "$1" "$WORK/out.txt"; }

# File sizes: 400 lines pass, 401 fail, headers and bench/ included.
tree t; lines a 400 > t/sim/a.cc
check "a file of 400 lines passes" sizes t --files
lines a 401 > t/sim/a.h
check "a header of 401 lines fails" fails sizes t --files
check "... naming it" said "sim/a.h: 401 lines"
tree t; lines a 401 > t/bench/b.cc
check "bench/ is checked" fails sizes t --files

# A function whose closing brace is N lines below its opening one.
fn() {  # fn HEADER N [TAIL]
  echo "$1 {"; lines "v$2" $(($2 - 1)); echo "}$3"
}
tree t
{
  echo "namespace sim {"
  fn "int Fits(int v)" 80
  echo "// } a brace in a comment { {"
  echo "/* and { in a block"
  echo "   comment } */"
  fn "const char* Braces(char c)" 79 | sed '2s/.*/  if (c == '"'"'{'"'"') return "}}{";/'
  echo "struct Point { int x{0}; int y = 1; };"
  echo "const int kTable[] = {1, 2, 3};"
  echo "class Holder {"
  echo " public:"
  echo "  Holder() : a_{1}, b_(2) {"; lines c 79; echo "  }"
  fn "  int Method() const" 80
  echo " private:"
  echo "  int a_, b_;"
  echo "};"
  fn "template <class T> T Twice(T t)" 80
  echo "auto kLambda = [](int v) {"; lines d 79; echo "};"
  echo "enum class Kind { kA, kB };"
  echo "}  // namespace sim"
} > t/sim/ok.h
check "functions of 80 lines pass" sizes t --functions
body() {  # body NAME CODE...: a tree whose one function is 81 lines long
  tree t; { echo "namespace sim {"; printf '%s\n' "${@:2}"; echo "}  // namespace sim"; } > t/sim/$1
}
body f.cc "$(fn "void Long()" 81)"
check "a function of 81 lines fails" fails sizes t --functions
check "... naming it and its line" said "sim/f.cc:2: function Long has 81 lines"
body f.h "class C {" " public:" "$(fn "  void Long() const override" 81)" "};"
check "a member function in a header fails" fails sizes t --functions
body f.h "template <typename T>" "class L : public Base<T> {" " public:" "$(fn "  void Long()" 81)" "};"
check "a member function of a class template fails" fails sizes t --functions
body f.h "struct S {" "$(fn "  S() : a_{1}, b_(2)" 81)" "  int a_, b_;" "};"
check "a constructor with initialisers fails" fails sizes t --functions
body f.cc "$(fn "template <class T> auto Long(T t) -> int" 81)"
check "a template with a trailing return type fails" fails sizes t --functions
body f.cc "$(fn "auto kLong = [](int v)" 81 ";")"
check "a lambda at namespace scope fails" fails sizes t --functions
body f.cc "$(fn "void Long()" 81 | sed '3s/.*/  const char* s = "}}}"; \/\/ }/')"
check "braces in strings and comments do not end it" fails sizes t --functions

# Duplicates: ten repeated code lines fail, nine pass; blank lines,
# comments, braces and whitespace do not hide a copy.
tree t
{ echo "void A() {"; lines same 9; lines a 3; echo "}"; } > t/sim/a.cc
{ echo "void B() {"; lines same 9; lines b 3; echo "}"; } > t/analysis/b.cc
check "nine repeated lines pass" dups t
{ echo "void A() {"; lines same 10; echo "}"; } > t/sim/a.cc
{ echo "void B() {"; lines b 2; lines same 10; echo "}"; } > t/analysis/b.cc
check "ten repeated lines fail" fails dups t
check "... naming both places" said "sim/a.cc:2-11 repeats analysis/b.cc:4-13 (10 lines)"
{ echo "void B() {"; lines same 5; echo; echo "  // a note"; echo "  {"; lines same 10 | tail -5 | sed 's/  / \t /; s/+=/ +=  /'; echo "  }"; echo "}"; } > t/bench/c.h
check "a copy with blank lines, comments, braces and other spacing fails" fails dups t
check "... naming the copy" said "bench/c.h:2-14 repeats analysis/b.cc:4-13 (10 lines)"
tree t
{ echo "void A() {"; lines same 11; lines a 3; lines same 11; echo "}"; } > t/sim/a.cc
check "a repeat within one file fails" fails dups t
check "... as one run of its length" said "sim/a.cc:16-26 repeats sim/a.cc:2-12 (11 lines)"
tree t
{ echo "void A() {"; for ((k = 0; k < 19; k++)); do echo "  x += 1;"; done; echo "}"; } > t/sim/a.cc
check "a line repeated 19 times is not a copy of itself (overlapping runs)" dups t
check "no sources is an error, not a pass" bash -c "mkdir -p empty; ! bash '$tools/check_duplicates.sh' --root empty 2>/dev/null"

# Include cycles between folders: a -> b -> a fails, a -> b alone passes.
cycles() { bash "$tools/check_include_cycles.sh" "$1" > "$WORK/out.txt"; }
tree t; mkdir -p t/analysis/fits t/analysis/records
echo '#include "analysis/records/r.h"' > t/analysis/fits/f.h
echo '#pragma once' > t/analysis/records/r.h
check "folders that include one way pass" cycles t
echo '#include "analysis/fits/f.h"' >> t/analysis/records/r.h
check "folders that include each other fail" fails cycles t
check "... naming the loop" said "analysis/fits"
mkdir -p t/sim/experiment/spec t/sim/experiment/grid
echo '#include "analysis/fits/f.h"' > t/analysis/records/r.h
echo '#include "sim/experiment/grid/g.h"' > t/sim/experiment/spec/s.h
echo '#include "sim/experiment/spec/s.h"' > t/sim/experiment/grid/g.h
check "a loop between sim/experiment/ folders fails" fails cycles t

echo "$passed passed, $failed failed"
test "$failed" -eq 0
