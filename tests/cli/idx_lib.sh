# IDX data files written by hand for the command-line tests (sourced):
# u32 big-endian, then the bytes.
u32() {
  printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))"
  printf "\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"
}
# write_idx DIR PREFIX COUNT: COUNT 28x28 images, image i of class i % 10
# with every pixel 1 + i % 10 (uncompressed; the reader takes both).
write_idx() {
  local dir="$1" prefix="$2" count="$3" i
  { u32 $((0x803)); u32 "$count"; u32 28; u32 28
    for ((i = 0; i < count; i++)); do
      head -c 784 /dev/zero | tr '\0' "\\$(printf %03o $((1 + i % 10)))"
    done; } > "$dir/$prefix-images-idx3-ubyte.gz"
  { u32 $((0x801)); u32 "$count"
    for ((i = 0; i < count; i++)); do printf "\\x$(printf %02x $((i % 10)))"; done
  } > "$dir/$prefix-labels-idx1-ubyte.gz"
}
