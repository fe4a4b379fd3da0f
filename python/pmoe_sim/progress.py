"""A progress bar for a grid: redrawn in place on a terminal (stderr) and
as one updated line in a notebook (IPython display)."""
import sys
import time


def _in_notebook():
    shell = sys.modules.get("IPython")
    if shell is None or "ipykernel" not in sys.modules:
        return False
    ip = shell.get_ipython()
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def _text(done, total, started, width=30):
    total = max(total, 1)
    frac = min(done / total, 1.0)
    bar = "#" * int(round(frac * width))
    elapsed = time.monotonic() - started
    eta = ""
    if 0 < done < total:
        eta = ", ETA %.0f s" % (elapsed * (total - done) / done)
    return "[%-*s] %d/%d runs, %.0f s%s" % (width, bar, done, total, elapsed, eta)


class ProgressBar:
    """Shows runs done out of `total`; `update(done)` redraws, `close()` ends."""

    def __init__(self, total, enabled=True):
        self.total = total
        self.enabled = enabled
        self.started = time.monotonic()
        self._handle = None
        self._last = None
        if enabled and _in_notebook():
            from IPython.display import Pretty, display

            self._pretty = Pretty  # plain text, no quotes around it
            self._handle = display(Pretty(_text(0, total, self.started)),
                                   display_id=True)

    def update(self, done):
        if not self.enabled:
            return
        text = _text(done, self.total, self.started)
        if text == self._last:
            return
        self._last = text
        if self._handle is not None:
            self._handle.update(self._pretty(text))
        else:
            sys.stderr.write("\r" + text)
            sys.stderr.flush()

    def close(self, done):
        self.update(done)
        if self.enabled and self._handle is None:
            sys.stderr.write("\n")
            sys.stderr.flush()
