"""Shared fixtures: paths to the real data (read in place from ../shared) and a store
built from it once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OFSTED = SHARED / "data" / "ofsted"
SEEDS = SHARED / "seeds"


def need_real_data() -> None:
    if not OFSTED.is_dir():
        pytest.skip("the real Ofsted data is not beside the project (../shared/data/ofsted)")


@pytest.fixture(scope="session")
def ofsted_dir() -> Path:
    need_real_data()
    return OFSTED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the seed documents are not beside the project (../shared/seeds)")
    return SEEDS


@pytest.fixture(scope="session")
def real_store_dir(tmp_path_factory, ofsted_dir) -> Path:
    """A store built from every real source: the Ofsted statistics and the seeds."""
    from graph.build import build

    store = tmp_path_factory.mktemp("real-store")
    paths = [ofsted_dir] + ([SEEDS] if SEEDS.is_dir() else [])
    report = build(paths, store)
    assert report.swapped, [f.message for f in report.files if f.status == "rejected"]
    return store


@pytest.fixture(scope="session")
def real_store(real_store_dir):
    from graph.store import EmbeddedStore

    store = EmbeddedStore(real_store_dir)
    yield store
    store.close()
