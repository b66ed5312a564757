"""Session-wide guard: nothing the build, the notebooks or the tests do may write into data/."""

from pathlib import Path

from tests.tree_digest import tree_digest

ROOT = Path(__file__).parent
DATA = ROOT / "data"
BEFORE_BUILD = ROOT / "_build" / "data-digest-before-build.txt"


def pytest_sessionstart(session):
    session.config.data_digest_at_start = tree_digest(DATA)


def pytest_sessionfinish(session, exitstatus):
    now = tree_digest(DATA)
    changed = []
    if now != session.config.data_digest_at_start:
        changed.append("during the tests or the notebooks")
    if BEFORE_BUILD.is_file() and BEFORE_BUILD.read_text().strip() != session.config.data_digest_at_start:
        changed.append("during the site build")
    if changed:
        session.config.get_terminal_writer().line(
            f"FAILED: data/ was modified {' and '.join(changed)}; nothing may write there.", red=True)
        session.exitstatus = 1
