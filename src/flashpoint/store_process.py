"""The writer process of ``store_writer``: the parent's side (``ProcessWriter``) and the child's
(``main``).

The child is a fresh interpreter (``python -c``) rather than a ``multiprocessing`` one: spawn
and forkserver re-import the parent's ``__main__`` in the child (``bench/run.py`` imports spaCy)
and their queues hand the child the write end too, so it could not tell that the parent died.
Here the child imports the store modules only and talks over three pipes:

* items, parent → child: the database URL, then each article, then the end mark (``None``);
  a thread of the parent feeds it from the bounded queue, so the caller never waits on a full
  pipe while the child stores a burst;
* results, child → parent: each article's ``AddResult``, then ``None`` (done) or the error that
  stopped it; a thread of the parent counts them and runs ``on_article`` (the progress bar);
* cancel, parent → child: a byte, or end of file when the parent dies, which stops the child
  after the article it is writing.

The child runs in its own process group: a Ctrl-C at the terminal interrupts the parent only,
which cancels the child, so the child never dies midway or prints a traceback.

Starting the child costs about 2.5 s of CPU (SciPy through datasketch, SQLAlchemy, Alembic),
spent while the parent extracts the first batch: free when the second core is idle, but on a
machine whose cores are all busy the process writer costs more than the thread did.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path

from flashpoint.errors import FlashpointError, StoreError
from flashpoint.store import AddResult, open_store
from flashpoint.store_writer import Item, QueuedWriter

# Puts this copy of flashpoint first on the child's path, as the parent may have found it
# through its own sys.path rather than an installed package.  Once ``main`` returns, the store
# is closed and every result sent, so the child skips the interpreter's teardown (about 0.15 s
# of unloading SciPy and SQLAlchemy) that the parent would otherwise wait for at each ingest's
# end.
_BOOT = (
    "import os, sys; sys.path.insert(0, sys.argv[1]); "
    "from flashpoint.store_process import main; main(sys.argv[2:]); "
    "sys.stderr.flush(); os._exit(0)"
)
_HOME = str(Path(__file__).resolve().parents[1])
_NICENESS = 10


class ProcessWriter(QueuedWriter[str]):
    """The writer process for the database at the URL, started at once so that its start-up
    (imports, opening the store) overlaps with extracting the first batch."""

    def _start(self) -> None:
        self._gone = False  # the child closed its end: the results say why
        self._closed = False
        items_r, items_w = os.pipe()
        results_r, results_w = os.pipe()
        cancel_r, cancel_w = os.pipe()
        theirs = (items_r, results_w, cancel_r)
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-c", _BOOT, _HOME, *map(str, theirs)],
                pass_fds=theirs,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                process_group=0,
            )
        except BaseException:
            for fd in (*theirs, items_w, results_r, cancel_w):
                os.close(fd)
            raise
        for fd in theirs:
            os.close(fd)
        self._items = Connection(items_w, readable=False)
        self._results = Connection(results_r, writable=False)
        self._cancel_fd = cancel_w
        self._send(self._target)  # the URL is not in argv, where ps would show its password
        self._reader = threading.Thread(target=self._read_results, name=f"{self.name}-results")
        self._reader.start()
        super()._start()

    @property
    def pid(self) -> int:
        return self._child.pid

    @property
    def exit_code(self) -> int | None:
        """The child's exit code once ``close`` has waited for it (None before)."""
        return self._child.returncode

    def _handle(self, item: Item) -> None:
        self._send(item)

    def _handle_end(self) -> None:
        self._send(None)  # the child's end mark

    def _send(self, message: object) -> None:
        if self._gone:
            return
        try:
            self._items.send(message)
        except BrokenPipeError:
            self._gone = True

    def _stop(self) -> None:
        if self._closed:
            return
        with contextlib.suppress(OSError):  # the child has ended already
            os.write(self._cancel_fd, b"x")

    def _finish(self) -> None:
        self._reader.join()
        self._child.wait()
        if not self._closed:
            self._closed = True
            self._items.close()
            os.close(self._cancel_fd)

    def _read_results(self) -> None:
        try:
            while (message := self._results.recv()) is not None:
                if isinstance(message, BaseException):
                    self._fail(message)
                    return
                if self._error is None:  # after a failure only read on, so the child never blocks
                    self._count(message)
        except EOFError:
            if not self._cancelled.is_set():
                code = self._child.wait()
                self._fail(StoreError(f"the store writer process ended (exit code {code})"))
        except BaseException as exc:  # a result that cannot be read
            self._fail(exc)
            self._stop()
        finally:
            self._results.close()  # a child still sending gets a broken pipe, and ends

    def _count(self, added: AddResult) -> None:
        try:
            self._stored(added)
        except BaseException as exc:  # on_article failed: stop storing, as a thread writer would
            self._fail(exc)
            self._stop()


def main(argv: Sequence[str]) -> None:
    """The child: store what arrives on the items pipe (file descriptors in ``argv``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and cancels us
    # Storing is background work with a queue in front of it: when the cores are all busy,
    # the parent's extraction (spaCy's BLAS threads) goes first and the child catches up in
    # the gaps, instead of both slowing down.
    with contextlib.suppress(OSError):
        os.nice(_NICENESS)
    items = Connection(int(argv[0]), writable=False)
    results = Connection(int(argv[1]), readable=False)
    cancel = Connection(int(argv[2]), writable=False)
    try:
        _serve(items, results, cancel)
    except (EOFError, BrokenPipeError):  # the parent is gone: nobody to tell
        pass
    except BaseException as exc:
        with contextlib.suppress(OSError):  # the parent is gone
            results.send(_portable(exc))


def _serve(items: Connection, results: Connection, cancel: Connection) -> None:
    with open_store(items.recv()) as store:
        # A cancel (or the parent's death) wins over articles already in the pipe.
        while cancel not in wait([items, cancel]) and (item := items.recv()) is not None:
            results.send(store.add(*item))
    results.send(None)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if the parent can unpickle it intact, else a ``StoreError`` with its message and,
    as a note, the child's traceback."""
    if isinstance(exc, FlashpointError):
        try:
            pickle.loads(pickle.dumps(exc))
            return exc
        except Exception:
            pass
    portable = StoreError(f"the store writer failed: {type(exc).__name__}: {exc}")
    portable.add_note("".join(traceback.format_exception(exc)))
    return portable
