# SPDX-License-Identifier: GPL-3.0-or-later
"""The TAP runner the Python tests share: a context made first (test 1), then every test_…
function of the calling module, in order, each given the context. A test fails by raising; its
traceback goes into the log as comments, with any byte that is not UTF-8 written as \\xNN."""
import traceback


def _comment(text):
    for line in text.splitlines():
        print("# " + line.encode("utf-8", "backslashreplace").decode("utf-8"))


def run(namespace, make_context, what, clean=None):
    """Runs the test_… functions of @namespace (a module's globals()) with the context that
    @make_context returns, @what naming that first step; @clean(context) runs at the end.
    Returns the exit status: 1 when anything failed."""
    tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
    print(f"1..{len(tests) + 1}", flush=True)
    try:
        ctx = make_context()
        print(f"ok 1 {what}", flush=True)
    except Exception:
        print(f"not ok 1 {what}")
        _comment(traceback.format_exc())
        for i, t in enumerate(tests, 2):
            print(f"not ok {i} {t.__name__} # nothing to test without step 1")
        return 1
    failed = 0
    for i, t in enumerate(tests, 2):
        try:
            t(ctx)
            print(f"ok {i} {t.__name__}", flush=True)
        except Exception:
            failed += 1
            print(f"not ok {i} {t.__name__}")
            _comment(traceback.format_exc())
    if clean is not None:
        clean(ctx)
    return 1 if failed else 0
