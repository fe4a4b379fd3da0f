# Shared set-up of the command-line tests (sourced): a scratch folder that
# is removed on exit, made the working directory, and check NAME COMMAND...
# which counts COMMAND's success in `passed` or `failed`.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
passed=0
failed=0
check() {  # check NAME COMMAND...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
