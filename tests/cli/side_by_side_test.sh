#!/bin/bash
# bench/peer/side_by_side.py: the project's side of the side-by-side timing
# (one repetition here) writes every model's two timings; a pmoe-sim that
# fails stops it with the failure named.
set -u
BIN="$1"
SRC="$2"
. "$(dirname "$0")/lib.sh"

python3 "$SRC/bench/peer/side_by_side.py" --sim "$BIN" --reps 1 --out sbs.json > out.txt 2>&1
check "side_by_side exits 0" test $? -eq 0
check "prints the table" grep -q "eval once" out.txt
check "every model timed both ways" python3 -c "
import json
r = json.load(open('sbs.json'))
for m in ('cnn', 'sep', 'joint'):
    for mode in ('once', 'per_epoch'):
        assert r['models'][m][mode]['median'] > 0, (m, mode)
"
printf '#!/bin/sh\necho broken >&2\nexit 3\n' > broken.sh && chmod +x broken.sh
python3 "$SRC/bench/peer/side_by_side.py" --sim ./broken.sh --reps 1 --out bad.json 2> err.txt
check "a failing pmoe-sim stops it" test $? -ne 0
check "the failure is named" grep -q "exited 3: broken" err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
