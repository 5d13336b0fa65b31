"""A cache backend for rate-limit counters kept on disk (no Redis).

Django's file cache increments as get-then-set, and that set gives the counter a fresh default
timeout: a client's hourly share budget then reopened five minutes after their last share.
Here `incr` rewrites the number in place under the file's lock and keeps the expiry the
counter was created with, as the in-memory and Redis caches do.
"""

from __future__ import annotations

import pickle
import time
import zlib
from typing import Any

from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class CounterFileCache(FileBasedCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            with open(self._key_to_file(key, version), "r+b") as file:
                locks.lock(file, locks.LOCK_EX)
                try:
                    expiry = pickle.load(file)
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found")
                    value = pickle.loads(zlib.decompress(file.read())) + delta
                    file.seek(0)
                    file.truncate()
                    file.write(pickle.dumps(expiry, self.pickle_protocol))
                    file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                    # Written out before the lock is released: a buffered write flushed at
                    # close left another worker reading an empty file (a 500 under load).
                    file.flush()
                    return value
                finally:
                    locks.unlock(file)
        except FileNotFoundError:
            raise ValueError(f"Key '{key}' not found") from None
