"""A bench module set up at its smallest smoke size, with the bench's own URLs (bench.pages)."""

import pytest

from bench import pages


@pytest.fixture
def small_bench(monkeypatch, settings):
    """Call with a bench module: sets its sizes to the first smoke size, runs its setup and
    returns its STATE."""

    def set_up(module):
        pages.use_bench_urls(settings)
        for constant, value in module.SMOKE_SIZES[1].items():
            monkeypatch.setattr(module, constant, value)
        module.setup()
        return module.STATE

    return set_up
